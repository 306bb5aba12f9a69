package org.kaspa.aio.provision;

import org.kaspa.aio.catalog.CatalogService;
import org.kaspa.aio.health.PortAccess;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.profile.ServiceProfile;

/**
 * What a {@link ComponentSource} may read to describe the components of one enabled service; {@code ports}
 * says how this machine reaches what the components publish (for their readiness checks).
 */
public record ServiceContext(String serviceId, ServiceProfile service, Profile profile, Secrets secrets,
                             CatalogService catalog, String network, PortAccess ports) {
}
