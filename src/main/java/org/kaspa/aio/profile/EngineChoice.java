package org.kaspa.aio.profile;

/**
 * The engine this installation was set up on, remembered in profile.json ({@code "engine"}), so that the
 * wizard and the CLI keep talking to the engine the person chose among several (Docker Desktop, Colima,
 * Podman, a server). {@code insecure}: the person accepted a plaintext {@code tcp://} engine, across which
 * the password files the installer copies travel in clear.
 */
public record EngineChoice(String host, boolean insecure) {
}
