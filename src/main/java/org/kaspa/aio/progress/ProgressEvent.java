package org.kaspa.aio.progress;

/**
 * One step of long work on one component or resource (a container, a volume, an image), typed so that
 * every front end renders the same facts: the CLI as a line, the Install step as a row with a bar.
 *
 * @param fraction 0..1 where known (a pull, a finished step), -1 while unknown
 * @param message  words for a person; never a secret
 */
public record ProgressEvent(String component, Phase phase, double fraction, String message) {
    public enum Phase {
        PULLING, CREATING, CREATED, STARTING, WAITING, READY, REMOVING, DONE, WORKING;

        /** A phase after which nothing more happens to the component in this run. */
        public boolean isFinal() {
            return this == READY || this == DONE;
        }
    }

    public static ProgressEvent of(String component, Phase phase, String message) {
        return new ProgressEvent(component, phase, phase.isFinal() ? 1.0 : -1, message);
    }

    /** The event as one line: {@code k-social-db: starting container}. */
    public String line() {
        return component + ": " + message;
    }
}
