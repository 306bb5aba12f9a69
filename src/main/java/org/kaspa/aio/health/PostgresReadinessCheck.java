package org.kaspa.aio.health;

import java.time.Duration;

/**
 * PQping semantics over TCP (DESIGN §3) against a published port: the check for a PostgreSQL server,
 * and for anything that answers a startup message like one (PgBouncer does).
 */
public record PostgresReadinessCheck(Endpoint endpoint, String user, String database) implements ReadinessCheck {
    private static final ReadinessProbe PROBE = new ReadinessProbe();
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    @Override
    public Readiness probe() {
        return PROBE.probe(endpoint.host(), endpoint.port(), user, database, ATTEMPT_TIMEOUT);
    }

    @Override
    public String describe() {
        return "accepts connections on " + endpoint.describe();
    }

    @Override
    public String readyWords() {
        return "accepting connections";
    }
}
