package org.kaspa.aio.health;

import java.util.List;

/**
 * One database in {@code status}: the probe's verdict from the host, the design's in-container
 * pg_isready as a second opinion, the container's state, whether the stored password logs in
 * ({@code login}: ok, refused, pending — the password of an unfinished rotation works — or "not checked"
 * while the database does not accept), the schema n/N and TimescaleDB's version.
 */
public record DatabaseStatus(DatabaseTarget target, Readiness readiness, String containerState,
                             InContainerCheck inContainer, int tablesPresent, int tablesExpected,
                             List<String> missingTables, String timescaledbVersion, String schemaError, String login) {
    public static final String LOGIN_OK = "ok";
    public static final String LOGIN_REFUSED = "refused";
    public static final String LOGIN_PENDING = "pending";
    public static final String LOGIN_NOT_CHECKED = "not checked";

    public DatabaseStatus {
        missingTables = List.copyOf(missingTables);
    }

    /** {@code docker exec <db> pg_isready -U <user> -d <db>}: exit code and its output line. */
    public record InContainerCheck(int exitCode, String output) {
    }
}
