package org.kaspa.aio.app;

/**
 * One engine candidate after it was asked: who answered (version) or why not (error), and whether it is
 * the one this installation uses now.
 */
public record EngineReport(String name, String host, String source, boolean tls, String version, String error, boolean selected) {
    /** A plaintext {@code tcp://} engine: usable only with the person's consent (see EngineSelection). */
    public boolean plaintext() {
        return host.startsWith("tcp://") && !tls;
    }

    public boolean answered() {
        return version != null;
    }

    /**
     * Whether someone chose this engine (--engine, DOCKER_HOST, a docker context, profile.json) rather than
     * it being merely the first socket found: a chosen engine that does not answer is reported, never
     * swapped for another one, since the data may live on it.
     */
    public boolean chosen() {
        return !source.equals(org.kaspa.aio.engine.EngineDiscovery.KNOWN_SOCKET) && !source.equals("default");
    }

    public String describe() {
        return name + " at " + host + " (" + source + (tls ? ", TLS" : "") + "): "
                + (answered() ? "Docker " + version : "not answering: " + error);
    }
}
