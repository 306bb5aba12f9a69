package org.kaspa.aio.provision;

/** Progress of an apply, per resource; called from worker threads. Messages never contain secrets. */
public interface ApplyListener {
    ApplyListener SILENT = new ApplyListener() {
    };

    default void step(String resource, String message) {
    }

    default void pullProgress(String image, long current, long total) {
    }

    default void ready(String container, long millisSinceStart) {
    }
}
