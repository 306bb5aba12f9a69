package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.health.ReadinessCheck;

import java.util.List;

/**
 * One container of a service as the profile wants it: its role, its container spec (labels stamped with
 * service, role and config hash), the components it must wait for, and how its readiness is checked.
 *
 * @param dataDirectory the PostgreSQL data directory it opens, or null; guarded against a major-version change
 * @param profilePath   its section of profile.json ({@code services.k-indexer.database}), so that a one-line
 *                      error can name the field to change ({@code ….port}, {@code ….image})
 * @param live          how its program takes changed live files in place, or null (then a change to them
 *                      restarts it)
 */
public record DesiredComponent(String serviceId, String role, ContainerSpec spec, List<String> dependsOn,
                               ReadinessCheck readiness, PostgresDataDirectory dataDirectory, String profilePath,
                               LiveReconfiguration live) {

    public DesiredComponent {
        dependsOn = List.copyOf(dependsOn);
    }

    /** A component whose spec gets our labels and the hash of everything that needs a recreate when it changes. */
    public static DesiredComponent of(String serviceId, String role, ContainerSpec spec, List<String> dependsOn,
                                      ReadinessCheck readiness, PostgresDataDirectory dataDirectory, String profilePath) {
        ContainerSpec labelled = spec.withLabel(Labels.SERVICE, serviceId).withLabel(Labels.ROLE, role);
        labelled = labelled.withLabel(Labels.CONFIG_HASH, ConfigHash.of(labelled));
        return new DesiredComponent(serviceId, role, labelled, dependsOn, readiness, dataDirectory, profilePath, null);
    }

    /** The same component, whose live files its program re-reads as {@code how} says. */
    public DesiredComponent withLive(LiveReconfiguration how) {
        return new DesiredComponent(serviceId, role, spec, dependsOn, readiness, dataDirectory, profilePath, how);
    }

    /** The hash of what changes in place (live files, CPU quota); null when nothing does. */
    public String liveHash() {
        return LiveHash.of(spec);
    }

    public String name() {
        return spec.name();
    }

    public String configHash() {
        return spec.labels().get(Labels.CONFIG_HASH);
    }
}
