package org.kaspa.aio.health;

import java.util.List;

public record StatusReport(List<DatabaseStatus> databases, List<StorageStatus> storage, List<PoolerStatus> poolers,
                           List<ReplicaStatus> replicas, MonitoringStatus monitoring) {
    public StatusReport {
        databases = List.copyOf(databases);
        storage = List.copyOf(storage);
        poolers = List.copyOf(poolers);
        replicas = List.copyOf(replicas);
    }

    public StatusReport(List<DatabaseStatus> databases, List<StorageStatus> storage, List<PoolerStatus> poolers) {
        this(databases, storage, poolers, List.of(), null);
    }

    /** Every database and every pooler accepts connections, and every replica streams and keeps up. */
    public boolean allAccepting() {
        return databases.stream().allMatch(d -> d.readiness() == Readiness.ACCEPTING)
                && poolers.stream().allMatch(p -> p.readiness() == Readiness.ACCEPTING)
                && replicas.stream().noneMatch(ReplicaStatus::degraded);
    }

    /** The replicas of one service's database, in order. */
    public List<ReplicaStatus> replicasOf(String serviceId) {
        return replicas.stream().filter(r -> r.target().serviceId().equals(serviceId)).toList();
    }
}
