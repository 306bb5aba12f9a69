package org.kaspa.aio.engine;

import java.util.Map;

/**
 * What the engine reports about one container. {@code everStarted} is false for a container that was
 * created but never started (an interrupted apply), whose copied files must be checked again.
 */
public record ContainerInfo(String id, String name, String image, Map<String, String> labels, String state,
                            boolean running, boolean everStarted, String hostIp, Integer hostPort) {
    public ContainerInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public String label(String key) {
        return labels.get(key);
    }
}
