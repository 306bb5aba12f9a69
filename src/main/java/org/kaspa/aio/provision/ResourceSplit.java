package org.kaspa.aio.provision;

import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.profile.DatabaseResources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default memory and CPUs of each enabled database, from what the engine's machine has. The databases
 * together get half of its memory (the indexers, the node and the system need the rest), split by each
 * database's catalog {@code share} (the chain database 2, the K social database 1), in steps of 64 MB and
 * never under {@link DatabaseResources#MIN_MEMORY_MB}. CPUs are split the same way in steps of half a
 * CPU, at least half of one. Limits are caps, not reservations; none is more than the engine has.
 */
public final class ResourceSplit {
    static final int STEP_MB = 64;

    private ResourceSplit() {
    }

    /**
     * @param databases service ids of the enabled databases, in profile order
     * @return service id → its default resources
     */
    public static Map<String, DatabaseResources> of(long engineMemoryBytes, int engineCpus, List<String> databases, ServiceCatalog catalog) {
        int engineMb = (int) Math.min(Integer.MAX_VALUE, engineMemoryBytes / (1024 * 1024));
        int totalShare = databases.stream().mapToInt(id -> share(catalog, id)).sum();
        Map<String, DatabaseResources> out = new LinkedHashMap<>();
        for (String id : databases) {
            double fraction = (double) share(catalog, id) / totalShare;
            int memory = (int) (engineMb / 2.0 * fraction) / STEP_MB * STEP_MB;
            memory = Math.min(engineMb, Math.max(DatabaseResources.MIN_MEMORY_MB, memory));
            double cpus = Math.round(engineCpus * fraction * 2) / 2.0;
            cpus = Math.min(engineCpus, Math.max(0.5, cpus));
            out.put(id, new DatabaseResources(memory, cpus));
        }
        return out;
    }

    private static int share(ServiceCatalog catalog, String serviceId) {
        return catalog.require(serviceId).databaseDefaults().orElseThrow().share();
    }
}
