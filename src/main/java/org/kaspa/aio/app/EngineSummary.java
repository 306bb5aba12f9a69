package org.kaspa.aio.app;

import java.util.Map;

/**
 * What the system check learns from the engine: who answered, and which host ports containers publish
 * now (port → container name), so that a port our own container holds is not reported as taken.
 *
 * @param portsOnThisMachine whether the engine publishes ports on this machine, where another program
 *                           holding one can be found by trying it; false for an engine on another host
 */
public record EngineSummary(String host, String version, String apiVersion, String os, String arch,
                            Map<Integer, String> publishedPorts, boolean portsOnThisMachine) {
    public EngineSummary {
        publishedPorts = Map.copyOf(publishedPorts);
    }

    public String describe() {
        return "Docker engine " + version + " (API " + apiVersion + ", " + os + "/" + arch + ") at " + host;
    }
}
