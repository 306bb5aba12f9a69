package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerInfo;
import org.kaspa.aio.engine.DockerEngine;

import java.util.List;
import java.util.Optional;

/**
 * How a component's program takes a changed configuration without a new container: checked against the
 * program itself before anything changes, described for the plan, and reloaded once the live files are in
 * place. The provisioner copies the files, changes the CPU quota, and restarts when the change says so.
 */
public interface LiveReconfiguration {
    /**
     * Throws {@link org.kaspa.aio.profile.InvalidInputException} naming the profile field when the program
     * would refuse the configuration; {@code current} is the component's container if it exists.
     */
    void check(DockerEngine engine, Optional<ContainerInfo> current);

    /** What changes compared with the existing container's files, and which of it needs a restart. */
    Change compare(DockerEngine engine, ContainerInfo current);

    /** Makes the running program re-read its (already replaced) live files. */
    void reload(DockerEngine engine, String containerId);

    /** Names of what changed: taken by a reload, or only by a restart. */
    record Change(List<String> reloaded, List<String> restart) {
        public Change {
            reloaded = List.copyOf(reloaded);
            restart = List.copyOf(restart);
        }

        public String describe() {
            List<String> parts = new java.util.ArrayList<>();
            if (!restart.isEmpty()) {
                parts.add("restart for " + String.join(", ", restart));
            }
            if (!reloaded.isEmpty()) {
                parts.add("reloaded without a restart: " + String.join(", ", reloaded));
            }
            return String.join("; ", parts);
        }
    }
}
