package org.kaspa.aio.provision;

import org.kaspa.aio.profile.ServiceProfile;

import java.util.List;

/**
 * One role's contribution to the desired state. Adding a role (pooler, replica, exporter, …) means adding
 * a source to {@link DesiredState#SOURCES}; the planner, the provisioner and the front ends stay as they are.
 */
public interface ComponentSource {
    /** The components this role gives an enabled service; empty when the role does not apply to it. */
    List<DesiredComponent> components(ServiceContext service);

    /** Volumes this role needs that no container of ours mounts (the Kasia indexer's file store). */
    default List<DesiredVolume> standaloneVolumes(ServiceContext service) {
        return List.of();
    }

    /** The container names this role would give the service: what is removed while the service is disabled. */
    List<String> containerNames(String serviceId, ServiceProfile service);

    /** The volume names this role would give the service, enabled or not: what uninstall --delete-data may remove. */
    List<String> volumeNames(String serviceId, ServiceProfile service);

    /**
     * The volume of one of its containers when that volume holds only a copy of data kept elsewhere (a
     * replica's): removed with the container when the profile no longer makes it (the service still enabled).
     */
    default java.util.Optional<String> copyVolume(String containerName, ServiceProfile service) {
        return java.util.Optional.empty();
    }
}
