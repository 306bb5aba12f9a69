package org.kaspa.aio.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * The latest run of a container's engine health check (the last entry of {@code State.Health.Log}): the
 * command's exit code and output, when the run ended, and the schedule the container was given
 * ({@code Config.Healthcheck}). {@code docker ps} shows the same run as healthy or unhealthy.
 */
public record HealthCheckRun(int exitCode, String output, Instant ended, Duration interval, Duration timeout) {
    /** How far a run may lie in the future of this machine's clock: a remote engine's clock may be a little ahead. */
    static final Duration CLOCK_SLACK = Duration.ofSeconds(5);

    /**
     * Whether the engine is still running the check on schedule, so that this run says what the command
     * would say now: it ended within one interval and one timeout (and a few seconds' slack) before
     * {@code now}. A run the engine timed out or could not start (exit code outside 0–3, as pg_isready
     * never exits) does not count: it is the engine's failure, not the command's answer.
     */
    public boolean current(Instant now) {
        if (exitCode < 0 || exitCode > 3 || ended == null) {
            return false;
        }
        Duration age = Duration.between(ended, now);
        return age.compareTo(CLOCK_SLACK.negated()) >= 0 && age.compareTo(interval.plus(timeout).plus(CLOCK_SLACK)) <= 0;
    }

    /** Whole seconds from the run's end to {@code now} (0 when the engine's clock is ahead). */
    public long ageSeconds(Instant now) {
        return Math.max(0, Duration.between(ended, now).toSeconds());
    }
}
