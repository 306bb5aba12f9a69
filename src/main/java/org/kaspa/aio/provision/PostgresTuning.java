package org.kaspa.aio.provision;

import org.kaspa.aio.catalog.CatalogDatabase;
import org.kaspa.aio.profile.DatabaseResources;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PostgreSQL settings derived from a database's memory limit, CPUs and workload, the way timescaledb-tune
 * derives them from a machine: {@code shared_buffers} a quarter of the memory, {@code effective_cache_size}
 * three quarters, {@code maintenance_work_mem} a sixteenth (at most 2 GB), {@code work_mem} what is left
 * after shared buffers over three sorts per connection per parallel worker, worker counts from the CPUs,
 * WAL sizes from the workload (a write-heavy database checkpoints less often), and TimescaleDB's
 * background workers when the image has the extension. Explicit profile settings override these.
 */
public final class PostgresTuning {
    /** The image's default; the derivation divides work_mem by it. */
    static final int MAX_CONNECTIONS = 100;

    private PostgresTuning() {
    }

    public static Map<String, String> derive(DatabaseResources r, String workload, boolean timescaledb) {
        long memKb = r.memoryMb() * 1024L;
        int cpus = Math.max(1, (int) Math.ceil(r.cpus()));
        int gather = Math.max(1, cpus / 2);
        long sharedKb = memKb / 4;
        Map<String, String> s = new LinkedHashMap<>();
        s.put("shared_buffers", size(sharedKb));
        s.put("effective_cache_size", size(memKb * 3 / 4));
        s.put("maintenance_work_mem", size(Math.min(2L * 1024 * 1024, memKb / 16)));
        s.put("work_mem", size(Math.max(64, (memKb - sharedKb) / (MAX_CONNECTIONS * 3L) / gather)));
        boolean writeHeavy = CatalogDatabase.WRITE_HEAVY.equals(workload);
        s.put("min_wal_size", writeHeavy ? "1GB" : "512MB");
        s.put("max_wal_size", writeHeavy ? "4GB" : "1GB");
        s.put("checkpoint_timeout", writeHeavy ? "15min" : "5min");
        s.put("checkpoint_completion_target", "0.9");
        s.put("wal_buffers", size(Math.max(64, Math.min(16 * 1024, sharedKb / 32))));
        s.put("max_parallel_workers_per_gather", String.valueOf(gather));
        s.put("max_parallel_workers", String.valueOf(cpus));
        int background = timescaledb ? 8 : 0;
        s.put("max_worker_processes", String.valueOf(Math.max(8, cpus + background + 3)));
        if (timescaledb) {
            s.put("timescaledb.max_background_workers", String.valueOf(background));
        }
        return s;
    }

    /** The derived settings with the explicit ones laid over them. */
    public static Map<String, String> effective(DatabaseResources r, String workload, boolean timescaledb, Map<String, String> explicit) {
        Map<String, String> s = new LinkedHashMap<>(derive(r, workload, timescaledb));
        s.putAll(explicit);
        return s;
    }

    /**
     * The most WAL a replica's slot may hold back (max_slot_wal_keep_size): twice what the database keeps
     * between checkpoints anyway (its max_wal_size), so a replica that is down for a while catches up, and
     * one that is gone for good is invalidated (and reseeded by the next apply) before the disk fills.
     */
    public static String slotWalKeep(String workload) {
        return CatalogDatabase.WRITE_HEAVY.equals(workload) ? "8GB" : "2GB";
    }

    /** The shm size that follows memory: half of it, as upstream runs the chain indexer's database, at least Docker's 64 MB. */
    public static long shmBytes(DatabaseResources r) {
        return Math.max(64L * 1024 * 1024, r.memoryBytes() / 2);
    }

    /** kB as PostgreSQL writes sizes: the largest unit that divides it (1GB, 512MB, 8kB). */
    static String size(long kb) {
        if (kb % (1024 * 1024) == 0) {
            return kb / (1024 * 1024) + "GB";
        }
        if (kb % 1024 == 0) {
            return kb / 1024 + "MB";
        }
        return kb + "kB";
    }
}
