package org.kaspa.aio.provision;

import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.health.PortAccess;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;

/** What a {@link SharedComponentSource} may read: the whole profile, its secrets and the catalog. */
public record SharedContext(Profile profile, Secrets secrets, ServiceCatalog catalog, String network, PortAccess ports) {
}
