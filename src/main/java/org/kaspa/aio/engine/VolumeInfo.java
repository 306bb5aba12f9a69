package org.kaspa.aio.engine;

import java.util.Map;

public record VolumeInfo(String name, Map<String, String> labels) {
    public VolumeInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
