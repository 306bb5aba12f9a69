package org.kaspa.aio.catalog;

import java.util.List;

/**
 * The design's defaults for one service's database container (DESIGN §1).
 *
 * @param workload {@code write-heavy} (the chain indexer: high-frequency inserts) or {@code mixed} (the
 *                 K social indexer); it picks the WAL and checkpoint settings
 * @param share    its weight in the split of the engine's memory and CPUs between the enabled databases
 * @param poolerPort the host port of its PgBouncer
 * @param replicaPort the host port of its first read replica (the next ones every tenth port after it)
 */
public record CatalogDatabase(String container, String name, String user, int port, String volume,
                              List<String> initScripts, String workload, int share, int poolerPort, int replicaPort) {
    public static final String WRITE_HEAVY = "write-heavy";

    public CatalogDatabase {
        initScripts = List.copyOf(initScripts);
    }
}
