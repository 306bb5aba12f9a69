package org.kaspa.aio.engine;

import java.util.Map;

public record NetworkInfo(String id, String name, Map<String, String> labels) {
    public NetworkInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
