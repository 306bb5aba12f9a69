package org.kaspa.aio.health;

/**
 * One PgBouncer in {@code status}: its readiness verdict through its published port (it answers a startup
 * message as PostgreSQL does), its container's state, and its live pool figures from the admin console
 * (null when it cannot be read; {@code error} says why).
 */
public record PoolerStatus(DatabaseTarget target, Readiness readiness, String containerState, PoolFigures figures, String error) {

    /**
     * {@code SHOW POOLS} and {@code SHOW STATS} for its database: clients active and waiting, server
     * connections (active + idle + used), average query and wait times in microseconds.
     */
    public record PoolFigures(int clientsActive, int clientsWaiting, int serverConnections, long avgQueryUs, long avgWaitUs) {
    }
}
