package org.kaspa.aio.health;

import java.util.List;

public record StatusReport(List<DatabaseStatus> databases, List<StorageStatus> storage) {
    public StatusReport {
        databases = List.copyOf(databases);
        storage = List.copyOf(storage);
    }

    public boolean allAccepting() {
        return databases.stream().allMatch(d -> d.readiness() == Readiness.ACCEPTING);
    }
}
