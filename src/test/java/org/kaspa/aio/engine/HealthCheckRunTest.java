package org.kaspa.aio.engine;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthCheckRunTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static HealthCheckRun endedAgo(int exitCode, Duration ago) {
        return new HealthCheckRun(exitCode, "127.0.0.1:5432 - accepting connections", NOW.minus(ago), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void aRunWithinOneIntervalOneTimeoutAndTheSlackIsCurrent() {
        assertTrue(endedAgo(0, Duration.ofSeconds(1)).current(NOW));
        assertTrue(endedAgo(2, Duration.ofSeconds(15)).current(NOW), "every pg_isready answer counts, not only 'accepting'");
        assertFalse(endedAgo(0, Duration.ofSeconds(16)).current(NOW), "the engine stopped running the check on schedule");
    }

    @Test
    void aRemoteEnginesClockMayBeAheadByTheSlackOnly() {
        assertTrue(endedAgo(0, Duration.ofSeconds(-5)).current(NOW));
        assertFalse(endedAgo(0, Duration.ofSeconds(-6)).current(NOW));
        assertEquals(0, endedAgo(0, Duration.ofSeconds(-3)).ageSeconds(NOW));
        assertEquals(4, endedAgo(0, Duration.ofMillis(4900)).ageSeconds(NOW));
    }

    @Test
    void aRunTheEngineTimedOutOrCouldNotStartIsNotTheCommandsAnswer() {
        assertFalse(endedAgo(-1, Duration.ofSeconds(1)).current(NOW), "docker's 'Health check exceeded timeout'");
        assertFalse(endedAgo(126, Duration.ofSeconds(1)).current(NOW), "not executable");
        assertFalse(new HealthCheckRun(0, "", null, Duration.ofSeconds(5), Duration.ofSeconds(5)).current(NOW));
    }
}
