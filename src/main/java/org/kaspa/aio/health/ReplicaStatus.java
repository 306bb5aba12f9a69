package org.kaspa.aio.health;

/**
 * One read replica in {@code status}: its readiness verdict through its published port, its container's
 * state, and what its primary says of it (pg_stat_replication): the WAL sender's state ({@code streaming},
 * {@code catchup}, … or {@link #NOT_CONNECTED}), how many bytes of WAL it has not replayed yet, and the
 * replay lag in seconds (0 once it has caught up and nothing is written). {@code problem} is null for a
 * healthy replica, else why it is degraded.
 */
public record ReplicaStatus(DatabaseTarget target, String primary, Readiness readiness, String containerState, String streaming,
                            Long lagBytes, Double lagSeconds, String problem) {
    public static final String NOT_CONNECTED = "not connected";
    /** A replica further behind than this is degraded: 64 MB of WAL not replayed yet ... */
    public static final long MAX_LAG_BYTES = 64L << 20;
    /** ... or changes older than this not visible on it yet. */
    public static final double MAX_LAG_SECONDS = 30;

    public boolean degraded() {
        return problem != null;
    }

    /** Why a replica with these figures is degraded, or null. */
    static String problemOf(Readiness readiness, String streaming, Long lagBytes, Double lagSeconds) {
        if (readiness != Readiness.ACCEPTING) {
            return "not accepting connections (" + readiness.text() + ")";
        }
        if (!"streaming".equals(streaming)) {
            return "not streaming from its primary (" + streaming + ")";
        }
        if (lagBytes != null && lagBytes > MAX_LAG_BYTES) {
            return "lags " + (lagBytes >> 20) + " MB behind its primary (more than " + (MAX_LAG_BYTES >> 20) + " MB)";
        }
        if (lagSeconds != null && lagSeconds > MAX_LAG_SECONDS) {
            return "lags " + Math.round(lagSeconds) + " s behind its primary (more than " + Math.round(MAX_LAG_SECONDS) + " s)";
        }
        return null;
    }
}
