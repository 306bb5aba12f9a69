package org.kaspa.aio.app;

import java.util.List;

/**
 * How to reach one database: from containers on the shared network, and from this machine (the primary,
 * read-write); with its PgBouncer on, the pooled strings too (null otherwise); with read replicas, the
 * read-only and multi-host strings in {@code readReplicas} (empty otherwise).
 */
public record ConnectionStrings(String serviceId, String fromContainers, String fromThisMachine,
                                String pooledFromContainers, String pooledFromThisMachine, List<Labelled> readReplicas) {
    public ConnectionStrings {
        readReplicas = List.copyOf(readReplicas);
    }

    public ConnectionStrings(String serviceId, String fromContainers, String fromThisMachine) {
        this(serviceId, fromContainers, fromThisMachine, null, null, List.of());
    }

    /** One string and what it is for ("read-only, this machine"). */
    public record Labelled(String label, String value) {
    }
}
