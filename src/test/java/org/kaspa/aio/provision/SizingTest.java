package org.kaspa.aio.provision;

import org.junit.jupiter.api.Test;
import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.profile.DatabaseResources;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The default split of the engine's machine and the settings derived from a database's share. */
class SizingTest {
    private final ServiceCatalog catalog = ServiceCatalog.load();
    private static final long GB = 1024L * 1024 * 1024;

    @Test
    void theChainDatabaseGetsTwiceTheSocialOneAndTogetherHalfTheMachine() {
        Map<String, DatabaseResources> split = ResourceSplit.of(16 * GB, 8, List.of("k-indexer", "simply-kaspa-indexer"), catalog);
        assertEquals(new DatabaseResources(2688, 2.5), split.get("k-indexer"));
        assertEquals(new DatabaseResources(5440, 5.5), split.get("simply-kaspa-indexer"));
        assertTrue(split.values().stream().mapToInt(DatabaseResources::memoryMb).sum() <= 8 * 1024);
    }

    @Test
    void oneDatabaseAloneGetsTheWholeHalfAndSmallMachinesTheMinimumButNeverMoreThanThereIs() {
        assertEquals(new DatabaseResources(4096, 2.0), ResourceSplit.of(8 * GB, 2, List.of("k-indexer"), catalog).get("k-indexer"));
        Map<String, DatabaseResources> tiny = ResourceSplit.of(GB / 2, 1, List.of("k-indexer", "simply-kaspa-indexer"), catalog);
        assertEquals(256, tiny.get("k-indexer").memoryMb());
        assertEquals(0.5, tiny.get("k-indexer").cpus());
        assertEquals(0.5, tiny.get("simply-kaspa-indexer").cpus());
        assertEquals(128, ResourceSplit.of(GB / 8, 1, List.of("k-indexer"), catalog).get("k-indexer").memoryMb(),
                "never more memory than the machine has");
    }

    @Test
    void settingsFollowMemoryCpusAndWorkloadLikeTimescaledbTune() {
        Map<String, String> s = PostgresTuning.derive(new DatabaseResources(2048, 2), "write-heavy", false);
        assertEquals("512MB", s.get("shared_buffers"));
        assertEquals("1536MB", s.get("effective_cache_size"));
        assertEquals("128MB", s.get("maintenance_work_mem"));
        assertEquals("5242kB", s.get("work_mem"));
        assertEquals("4GB", s.get("max_wal_size"));
        assertEquals("15min", s.get("checkpoint_timeout"));
        assertEquals("16MB", s.get("wal_buffers"));
        assertEquals("1", s.get("max_parallel_workers_per_gather"));
        assertEquals("2", s.get("max_parallel_workers"));
        assertEquals("8", s.get("max_worker_processes"));
        assertFalse(s.containsKey("timescaledb.max_background_workers"), "no extension, no setting of it");

        Map<String, String> t = PostgresTuning.derive(new DatabaseResources(1024, 4), "mixed", true);
        assertEquals("256MB", t.get("shared_buffers"));
        assertEquals("1GB", t.get("max_wal_size"));
        assertEquals("8", t.get("timescaledb.max_background_workers"));
        assertEquals("15", t.get("max_worker_processes"), "CPUs + TimescaleDB's workers + 3");
        assertEquals("2", t.get("max_parallel_workers_per_gather"));

        assertEquals("64MB", PostgresTuning.effective(new DatabaseResources(1024, 1), "mixed", false, Map.of("work_mem", "64MB")).get("work_mem"),
                "an explicit setting wins");
        assertEquals(512L << 20, PostgresTuning.shmBytes(new DatabaseResources(1024, 1)), "shm is half the memory");
        assertEquals(128L << 20, PostgresTuning.shmBytes(new DatabaseResources(256, 1)));
    }

    @Test
    void theConfigurationFileRoundTripsAndSizesParse() {
        PostgresSettings s = new PostgresSettings("k-indexer", "img", "u", "d", Map.of("work_mem", "4MB", "search_path", "a, 'b'"),
                java.util.Set.of("search_path"), null, "services.k-indexer.database");
        String conf = new String(s.file("/var/lib/postgresql/data").content(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(conf.contains("include_if_exists = '/var/lib/postgresql/data/postgresql.conf'\n"), conf);
        assertTrue(conf.indexOf("include_if_exists") < conf.indexOf("work_mem"), "ours after the data directory's, so ours win");
        assertEquals(Map.of("work_mem", "4MB", "search_path", "a, 'b'"), PostgresSettings.parse(conf));
        assertTrue(s.file("/x").live());
        assertEquals(131072, PostgresSettings.kilobytes("128MB"));
        assertEquals(131072, PostgresSettings.kilobytes("16384"), "a bare number is 8 kB pages");
        assertEquals(2L * 1024 * 1024, PostgresSettings.kilobytes("2GB"));
    }
}
