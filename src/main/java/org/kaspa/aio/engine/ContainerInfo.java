package org.kaspa.aio.engine;

import java.util.Map;

/**
 * What the engine reports about one container. {@code everStarted} is false for a container that was
 * created but never started (an interrupted apply), whose copied files must be checked again.
 * {@code memoryBytes} is its memory limit, 0 for none.
 */
public record ContainerInfo(String id, String name, String image, Map<String, String> labels, String state,
                            boolean running, boolean everStarted, String hostIp, Integer hostPort, long memoryBytes) {
    public ContainerInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public ContainerInfo(String id, String name, String image, Map<String, String> labels, String state,
                         boolean running, boolean everStarted, String hostIp, Integer hostPort) {
        this(id, name, image, labels, state, running, everStarted, hostIp, hostPort, 0);
    }

    public String label(String key) {
        return labels.get(key);
    }
}
