package org.kaspa.aio.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one container; the one description both apply and the compose export
 * render. {@code env} never holds a secret: secrets travel as {@link #files()} so that {@code docker
 * inspect} cannot show them.
 *
 * @param command     arguments after the image's entrypoint; empty keeps the image's CMD
 * @param healthCheck null for none
 * @param resources   null for the engine's defaults (no limits)
 */
public record ContainerSpec(String name, String image, List<String> command, Map<String, String> env,
                            Map<String, String> labels, List<PublishedPort> ports, List<VolumeMount> mounts,
                            String network, List<ContainerFile> files, String stopSignal, HealthCheck healthCheck,
                            ContainerResources resources) {
    public ContainerSpec(String name, String image, List<String> command, Map<String, String> env,
                         Map<String, String> labels, List<PublishedPort> ports, List<VolumeMount> mounts,
                         String network, List<ContainerFile> files, String stopSignal, HealthCheck healthCheck) {
        this(name, image, command, env, labels, ports, mounts, network, files, stopSignal, healthCheck, null);
    }

    public ContainerSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
        mounts = List.copyOf(mounts);
        files = List.copyOf(files);
    }

    public ContainerSpec withLabel(String key, String value) {
        Map<String, String> l = new HashMap<>(labels);
        l.put(key, value);
        return new ContainerSpec(name, image, command, env, l, ports, mounts, network, files, stopSignal, healthCheck, resources);
    }

    /** The first published port, or null: what the planner reports when a port changes. */
    public PublishedPort mainPort() {
        return ports.isEmpty() ? null : ports.get(0);
    }
}
