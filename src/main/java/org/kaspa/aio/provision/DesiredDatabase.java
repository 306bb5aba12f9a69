package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.profile.DatabaseProfile;

/** One database container as the profile wants it, with the hash its label must carry. */
public record DesiredDatabase(String serviceId, DatabaseProfile profile, ContainerSpec spec, String configHash) {
}
