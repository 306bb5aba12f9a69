package org.kaspa.aio.engine;

import java.time.Instant;

/**
 * What the engine says of a path in a container without copying it (the {@code X-Docker-Container-Path-Stat}
 * header of a HEAD of the container's archive): its size in bytes and when it was last modified ({@code null}
 * when the engine's time could not be read).
 */
public record ContainerPathStat(long size, Instant modified) {
}
