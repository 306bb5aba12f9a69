package org.kaspa.aio.engine;

import java.nio.file.Path;

/**
 * An engine the installer could talk to, before anyone asked it: where it is, what it is called, and how
 * it was found ({@code DOCKER_HOST}, a docker context, a known socket).
 *
 * @param tlsDir directory with ca.pem, cert.pem and key.pem for a TLS engine, or null
 */
public record EngineCandidate(String name, String host, String source, Path tlsDir) {

    /** A {@code tcp://} engine without TLS: whatever the installer copies in (password files) crosses the network in clear. */
    public boolean plaintextTcp() {
        return host.startsWith("tcp://") && tlsDir == null;
    }

    /** {@code ssh://} engines are reached by the docker CLI through ssh; docker-java has no such transport. */
    public boolean overSsh() {
        return host.startsWith("ssh://");
    }
}
