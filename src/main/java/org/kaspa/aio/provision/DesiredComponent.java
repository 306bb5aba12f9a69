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
 * @param seeding       what fills its volume before its container is first created (a replica's copy), or null
 * @param upkeep        what is kept true inside it on every apply once it is ready, or null
 * @param portField     the profile field of its published port, when it is not {@code profilePath + ".port"}
 *                      (a replica's: {@code ….replicas.ports[0]}), else null
 * @param imageField    the profile field of its image, when it is not {@code profilePath + ".image"}
 *                      (an exporter's: {@code monitoring.exporterImage}), else null
 */
public record DesiredComponent(String serviceId, String role, ContainerSpec spec, List<String> dependsOn,
                               ReadinessCheck readiness, PostgresDataDirectory dataDirectory, String profilePath,
                               LiveReconfiguration live, Seeding seeding, Upkeep upkeep,
                               String portField, String imageField) {

    public DesiredComponent {
        dependsOn = List.copyOf(dependsOn);
    }

    /** A component whose spec gets our labels and the hash of everything that needs a recreate when it changes. */
    public static DesiredComponent of(String serviceId, String role, ContainerSpec spec, List<String> dependsOn,
                                      ReadinessCheck readiness, PostgresDataDirectory dataDirectory, String profilePath) {
        ContainerSpec labelled = spec.withLabel(Labels.SERVICE, serviceId).withLabel(Labels.ROLE, role);
        labelled = labelled.withLabel(Labels.CONFIG_HASH, ConfigHash.of(labelled));
        return new DesiredComponent(serviceId, role, labelled, dependsOn, readiness, dataDirectory, profilePath, null, null, null, null, null);
    }

    /** The same component, whose live files its program re-reads as {@code how} says. */
    public DesiredComponent withLive(LiveReconfiguration how) {
        return new DesiredComponent(serviceId, role, spec, dependsOn, readiness, dataDirectory, profilePath, how, seeding, upkeep, portField, imageField);
    }

    /** The same component, whose volume {@code how} fills before its container is created. */
    public DesiredComponent withSeeding(Seeding how) {
        return new DesiredComponent(serviceId, role, spec, dependsOn, readiness, dataDirectory, profilePath, live, how, upkeep, portField, imageField);
    }

    /** The same component, inside which {@code what} is kept true on every apply. */
    public DesiredComponent withUpkeep(Upkeep what) {
        return new DesiredComponent(serviceId, role, spec, dependsOn, readiness, dataDirectory, profilePath, live, seeding, what, portField, imageField);
    }

    /** The same component, whose published port is set by {@code field} in profile.json. */
    public DesiredComponent withPortField(String field) {
        return new DesiredComponent(serviceId, role, spec, dependsOn, readiness, dataDirectory, profilePath, live, seeding, upkeep, field, imageField);
    }

    /** The same component, whose image is set by {@code field} in profile.json. */
    public DesiredComponent withImageField(String field) {
        return new DesiredComponent(serviceId, role, spec, dependsOn, readiness, dataDirectory, profilePath, live, seeding, upkeep, portField, field);
    }

    /** The profile field that sets its image (what a pull error names). */
    public String imageFieldOrDefault() {
        return imageField != null ? imageField : profilePath + ".image";
    }

    /** The profile field that sets its published port (what a port error names). */
    public String portFieldOrDefault() {
        return portField != null ? portField : profilePath + ".port";
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
