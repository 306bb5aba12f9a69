package org.kaspa.aio.health;

/**
 * How a component shows that it is ready, checked from where the installer runs. Components declare
 * one; apply polls it (and fails fast when the container dies), the way Testcontainers composes wait
 * strategies instead of private polling loops.
 */
public interface ReadinessCheck {
    /** One attempt; never throws for a component that is merely not ready yet. */
    Readiness probe();

    /** Where and what is checked, for progress and error lines: {@code accepts connections on 127.0.0.1:5433}. */
    String describe();

    /** What a ready component does, for the progress line: {@code accepting connections}. */
    default String readyWords() {
        return "ready";
    }
}
