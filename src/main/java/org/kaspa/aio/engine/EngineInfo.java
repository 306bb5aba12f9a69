package org.kaspa.aio.engine;

/** The engine we talk to: where (DOCKER_HOST or the default socket) and which version. */
public record EngineInfo(String host, String version, String apiVersion, String os, String arch) {
}
