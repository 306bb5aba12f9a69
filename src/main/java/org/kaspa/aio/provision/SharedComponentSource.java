package org.kaspa.aio.provision;

import org.kaspa.aio.profile.Profile;

import java.util.List;

/**
 * A role whose components belong to the installation rather than to one service (the monitoring stack's
 * Prometheus and Grafana): labelled {@code kaspa-aio.service=shared}, planned and converged like the rest.
 */
public interface SharedComponentSource {
    /** The components the profile wants now; empty when the role is off. */
    List<DesiredComponent> components(SharedContext context);

    /** Every container name the role may have made: what is removed when it is off. */
    List<String> containerNames(Profile profile);

    /** Every volume name the role may have made: what uninstall --delete-data may remove. */
    List<String> volumeNames(Profile profile);
}
