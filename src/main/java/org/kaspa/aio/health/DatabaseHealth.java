package org.kaspa.aio.health;

import java.time.Instant;

/**
 * What the monitor last saw of one database: the readiness verdict and the container's state as the
 * engine reports it ({@link #ENGINE_UNREACHABLE} while the engine does not answer), since when.
 */
public record DatabaseHealth(DatabaseTarget target, Readiness readiness, String containerState, Instant since) {
    public static final String ENGINE_UNREACHABLE = "engine unreachable";
    public static final String MISSING = "missing";

    /** Same verdict and state: not a transition. */
    public boolean sameAs(DatabaseHealth other) {
        return other != null && other.readiness == readiness && other.containerState.equals(containerState);
    }
}
