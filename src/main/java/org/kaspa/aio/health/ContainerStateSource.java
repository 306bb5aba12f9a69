package org.kaspa.aio.health;

/** Where the monitor reads a container's state from (the engine, in the app). May throw when unreachable. */
@FunctionalInterface
public interface ContainerStateSource {
    /** The engine's state word (running, exited, restarting, …) or {@link DatabaseHealth#MISSING}. */
    String stateOf(String container);
}
