package org.kaspa.aio.health;

import java.util.List;

public record StatusReport(List<DatabaseStatus> databases, List<StorageStatus> storage, List<PoolerStatus> poolers) {
    public StatusReport {
        databases = List.copyOf(databases);
        storage = List.copyOf(storage);
        poolers = List.copyOf(poolers);
    }

    /** Every database and every pooler accepts connections. */
    public boolean allAccepting() {
        return databases.stream().allMatch(d -> d.readiness() == Readiness.ACCEPTING)
                && poolers.stream().allMatch(p -> p.readiness() == Readiness.ACCEPTING);
    }
}
