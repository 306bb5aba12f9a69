package org.kaspa.aio.app;

import java.util.Map;

/**
 * What the system check learns from the engine: who answered, and which host ports containers publish
 * now (port → container name), so that a port our own container holds is not reported as taken.
 */
public record EngineSummary(String host, String version, String apiVersion, String os, String arch,
                            Map<Integer, String> publishedPorts) {
    public EngineSummary {
        publishedPorts = Map.copyOf(publishedPorts);
    }

    public String describe() {
        return "Docker engine " + version + " (API " + apiVersion + ", " + os + "/" + arch + ") at " + host;
    }
}
