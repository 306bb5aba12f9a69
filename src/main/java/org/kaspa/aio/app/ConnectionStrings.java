package org.kaspa.aio.app;

/**
 * How to reach one database: from containers on the shared network, and from this machine; with its
 * PgBouncer on, the pooled strings too (null otherwise).
 */
public record ConnectionStrings(String serviceId, String fromContainers, String fromThisMachine,
                                String pooledFromContainers, String pooledFromThisMachine) {
    public ConnectionStrings(String serviceId, String fromContainers, String fromThisMachine) {
        this(serviceId, fromContainers, fromThisMachine, null, null);
    }
}
