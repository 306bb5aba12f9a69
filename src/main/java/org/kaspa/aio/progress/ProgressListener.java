package org.kaspa.aio.progress;

/**
 * Receives {@link ProgressEvent}s; called from worker threads, in order per component. A listener that
 * blocks holds that component's work at exactly that point (the kill -9 convergence tests rely on it).
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener SILENT = e -> { };

    void on(ProgressEvent event);

    default ProgressListener andThen(ProgressListener next) {
        return e -> {
            on(e);
            next.on(e);
        };
    }
}
