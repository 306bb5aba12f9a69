package org.kaspa.aio.health;

import java.util.List;

/**
 * One database in {@code status}: the probe's verdict from the host, the design's in-container
 * pg_isready as a second opinion, the container's state, whether the stored password logs in
 * ({@code login}: ok, refused, pending — the password of an unfinished rotation works — or "not checked"
 * while the database does not accept), the schema n/N and TimescaleDB's version, the container's limits
 * (null when it has none or there is no container) and the sized settings as the server runs them.
 */
public record DatabaseStatus(DatabaseTarget target, Readiness readiness, String containerState,
                             InContainerCheck inContainer, int tablesPresent, int tablesExpected,
                             List<String> missingTables, String timescaledbVersion, String schemaError, String login,
                             Limits limits, java.util.Map<String, String> settings) {
    public static final String LOGIN_OK = "ok";
    public static final String LOGIN_REFUSED = "refused";
    public static final String LOGIN_PENDING = "pending";
    public static final String LOGIN_NOT_CHECKED = "not checked";

    public DatabaseStatus {
        missingTables = List.copyOf(missingTables);
        settings = settings == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }

    /** What the container may use; 0 where it has no limit. */
    public record Limits(long memoryMb, double cpus, long shmMb) {
    }

    /**
     * pg_isready inside the container: exit code, output line and whose run it is. The engine's own health
     * check runs it every few seconds ({@link #HEALTH_CHECK}, {@code ageSeconds} ago); where the engine has no
     * current run of it, or its run differs from the host's answer, status runs
     * {@code docker exec <db> pg_isready -U <user> -d <db>} itself ({@link #EXEC}, age 0).
     */
    public record InContainerCheck(int exitCode, String output, String source, long ageSeconds) {
        public static final String HEALTH_CHECK = "health check";
        public static final String EXEC = "docker exec";

        /**
         * The engine's latest health-check run as this check, where it may stand for one status asks now: it is
         * current and gives the answer the host's probe just gave. A run that differs may be from another
         * moment (the first run of a container whose server was still starting said 'no response' seconds
         * before the server accepted): status then asks in the container itself, so that the two opinions
         * it shows side by side are of the same moment.
         */
        public static java.util.Optional<InContainerCheck> fromHealthCheck(org.kaspa.aio.engine.HealthCheckRun run, Readiness fromHost,
                java.time.Instant now) {
            if (run == null || !run.current(now) || run.exitCode() != fromHost.exitCode()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new InContainerCheck(run.exitCode(), run.output().strip(), HEALTH_CHECK, run.ageSeconds(now)));
        }
    }
}
