package org.kaspa.aio.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.Rows;
import org.kaspa.aio.testsupport.TestEngine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.kaspa.aio.testsupport.TestEngine.dockerOk;

/**
 * Right-sizing on the real engine: the limits in {@code docker inspect} against {@code docker info}, the
 * settings the server runs with by the real psql's SHOW, reload without a restart and restart on the same
 * container by the server's own start time, refusals by the server program before anything changes, a
 * version-2 profile migrated, and the parallel query that 64 MB of /dev/shm cannot hold.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SizingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String K = "k-indexer";
    private static KaspaAio app;

    @BeforeAll
    static void install() throws Exception {
        TestEngine.reset();
        app = KaspaAio.fresh();
        // a profile as version 2 wrote it: no resources, no settings
        Path profile = app.home().resolve("profile.json");
        ObjectNode p = (ObjectNode) JSON.readTree(Files.readString(profile));
        p.put("schemaVersion", 2);
        p.remove("monitoring");
        p.path("services").forEach(s -> {
            if (s.has("database")) {
                ((ObjectNode) s.get("database")).remove(java.util.List.of("settings", "pooler", "replicas", "backups"));
            }
        });
        Files.writeString(profile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(p));
        Proc.Result applied = app.ok("apply");
        assertTrue(applied.stderr().contains("profile.json is now schema version " + org.kaspa.aio.profile.Profile.SCHEMA_VERSION + "; the previous file is kept as"), applied.stderr());
        assertTrue(applied.stderr().contains("sized from the engine's"), applied.stderr());
        assertEquals(2, JSON.readTree(Files.readString(app.home().resolve("profile.v2.json"))).path("schemaVersion").asInt());
    }

    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
    }

    private static JsonNode database(String service) throws Exception {
        return JSON.readTree(Files.readString(app.home().resolve("profile.json"))).path("services").path(service).path("database");
    }

    private static String show(String setting) {
        Proc.Result r = Rows.psql(5433, "k_social_user", "ksocial", app.password(K), "show " + setting);
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout().trim();
    }

    private static String startedAt() {
        return Rows.psql(5433, "k_social_user", "ksocial", app.password(K), "select pg_postmaster_start_time()").stdout().trim();
    }

    private static void set(String setting, String value) {
        app.editProfile(p -> ((ObjectNode) p.path("services").path(K).path("database").path("settings")).put(setting, value));
    }

    @Test
    @Order(1)
    void limitsComeFromTheEnginesMachineAndTheChainDatabaseGetsTheLargerShare() throws Exception {
        long engineMemory = Long.parseLong(dockerOk("info", "-f", "{{.MemTotal}}").trim());
        int engineCpus = Integer.parseInt(dockerOk("info", "-f", "{{.NCPU}}").trim());
        JsonNode k = database(K).path("resources");
        JsonNode s = database("simply-kaspa-indexer").path("resources");
        assertTrue(s.path("memoryMb").asInt() > k.path("memoryMb").asInt(), "the chain database gets the larger share: " + k + " " + s);
        assertTrue((k.path("memoryMb").asLong() + s.path("memoryMb").asLong()) << 20 <= engineMemory / 2 + (64L << 20),
                "together about half the engine's memory");
        assertTrue(s.path("cpus").asDouble() <= engineCpus);

        String[] inspect = dockerOk("inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.ShmSize}}", "k-social-db").trim().split(" ");
        assertEquals(k.path("memoryMb").asLong() << 20, Long.parseLong(inspect[0]));
        assertEquals(Math.round(k.path("cpus").asDouble() * 1e9), Long.parseLong(inspect[1]));
        assertEquals((k.path("memoryMb").asLong() << 20) / 2, Long.parseLong(inspect[2]), "/dev/shm is half the memory");

        var derived = PostgresTuning.derive(new org.kaspa.aio.profile.DatabaseResources(k.path("memoryMb").asInt(), k.path("cpus").asDouble()),
                "mixed", false);
        for (String setting : java.util.List.of("shared_buffers", "effective_cache_size", "maintenance_work_mem", "work_mem", "max_parallel_workers")) {
            assertEquals(derived.get(setting), show(setting), setting + " as the server runs it");
        }
        assertEquals("1GB", show("max_wal_size"), "the social database's workload");
        assertEquals("4GB", Rows.psql(5434, "simply_kaspa_user", "simply_kaspa", app.password("simply-kaspa-indexer"), "show max_wal_size")
                .stdout().trim(), "the chain database's write-heavy workload");
        JsonNode status = JSON.readTree(app.ok("status", "--json").stdout()).path("databases").get(0);
        assertEquals(k.path("memoryMb").asInt(), status.path("resources").path("memoryMb").asInt());
        assertEquals(show("shared_buffers"), status.path("settings").path("shared_buffers").asText());
    }

    @Test
    @Order(2)
    void aReloadableSettingKeepsTheServerAndOneThatNeedsARestartRestartsTheSameContainer() throws Exception {
        String id = TestEngine.containerId("k-social-db");
        String started = startedAt();
        set("work_mem", "24MB");
        String plan = app.ok("plan").stdout();
        assertTrue(plan.contains("+ update container k-social-db (reloaded without a restart: work_mem; container kept)"), plan);
        app.ok("apply");
        assertEquals("24MB", show("work_mem"));
        assertEquals(id, TestEngine.containerId("k-social-db"));
        assertEquals(started, startedAt(), "no restart");

        set("shared_buffers", "200MB");
        plan = app.ok("plan").stdout();
        assertTrue(plan.contains("+ update container k-social-db (restart for shared_buffers; container kept)"), plan);
        app.ok("apply");
        assertEquals("200MB", show("shared_buffers"));
        assertEquals(id, TestEngine.containerId("k-social-db"), "the same container, on the same volume");
        assertNotEquals(started, startedAt(), "restarted");
        assertTrue(app.ok("plan").stdout().contains("no changes"));
    }

    @Test
    @Order(3)
    void unknownSettingsAndImpossibleValuesAreRefusedByTheServerWithNothingChanged() throws Exception {
        String id = TestEngine.containerId("k-social-db");
        String started = startedAt();
        String before = Files.readString(app.home().resolve("profile.json"));
        set("shared_bufers", "1GB");
        Proc.Result unknown = app.run("apply");
        assertEquals(1, unknown.exitCode());
        assertEquals("kaspa-aio: profile.json: services.k-indexer.database.settings.shared_bufers: PostgreSQL (" + TestEngine.image()
                + ") refuses it: unrecognized configuration parameter \"shared_bufers\"; nothing was changed", unknown.stderr().trim());
        Files.writeString(app.home().resolve("profile.json"), before);
        set("max_connections", "-5");
        Proc.Result impossible = app.run("apply");
        assertEquals(1, impossible.exitCode());
        assertTrue(impossible.stderr().startsWith("kaspa-aio: profile.json: services.k-indexer.database.settings.max_connections: PostgreSQL"),
                impossible.stderr());
        assertTrue(impossible.stderr().contains("outside the valid range"), impossible.stderr());
        Files.writeString(app.home().resolve("profile.json"), before);
        set("shared_buffers", "64GB");
        Proc.Result tooBig = app.run("plan");
        assertEquals(1, tooBig.exitCode());
        assertTrue(tooBig.stderr().contains("does not fit in the memory limit"), tooBig.stderr());
        Files.writeString(app.home().resolve("profile.json"), before);
        assertEquals(id, TestEngine.containerId("k-social-db"));
        assertEquals(started, startedAt());
        assertTrue(app.ok("plan").stdout().contains("no changes"));
    }

    private static final String SETTINGS_FILE = org.kaspa.aio.provision.PostgresSettings.CONF_PATH;

    /** The settings file as it is in the container, byte for byte. */
    private static String settingsFile() {
        Proc.Result r = TestEngine.docker("exec", "k-social-db", "cat", SETTINGS_FILE);
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout();
    }

    /** The real stat in the container: size in bytes and modification time in epoch seconds. */
    private static long[] statInContainer() {
        String[] out = dockerOk("exec", "k-social-db", "stat", "-c", "%s %Y", SETTINGS_FILE).trim().split(" ");
        return new long[] {Long.parseLong(out[0]), Long.parseLong(out[1])};
    }

    /**
     * plan and apply read the settings file's stat (a HEAD, ~1 ms) and read the file itself only when size and
     * time are not those it is written with (a time derived from its content): an edit in the container is
     * still seen — one that changes the size and one that keeps it — and apply puts the file back in place.
     */
    @Test
    @Order(5)
    void aSettingsFileEditedInTheContainerIsSeenByPlanAndPutBackByApply() throws Exception {
        String id = TestEngine.containerId("k-social-db");
        assertTrue(app.ok("plan").stdout().contains("no changes"));
        String written = settingsFile();
        long[] stat = statInContainer();
        var asWritten = new org.kaspa.aio.engine.ContainerFile(SETTINGS_FILE, written.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644, false, true);
        assertEquals(written.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, stat[0]);
        assertEquals(asWritten.contentStamp().getEpochSecond(), stat[1], "the engine kept the time the file was written with");
        String work = show("work_mem");

        // an edit that makes the file longer
        dockerOk("exec", "k-social-db", "sh", "-c", "echo \"work_mem = '7MB'\" >> " + SETTINGS_FILE);
        String plan = app.ok("plan").stdout();
        assertTrue(plan.contains("+ update container k-social-db (reloaded without a restart: work_mem; container kept)"), plan);
        app.ok("apply");
        assertEquals(written, settingsFile());
        assertArrayEquals(stat, statInContainer());
        assertTrue(app.ok("plan").stdout().contains("no changes"));

        // an edit of the same size: one digit of a value (sed -i writes the file anew: a time of now)
        String line = written.lines().filter(l -> l.startsWith("max_worker_processes = ")).findFirst().orElseThrow();
        String edited = line.replace("'8'", "'9'");
        assertNotEquals(line, edited, written);
        dockerOk("exec", "k-social-db", "sed", "-i", "s/^" + line + "$/" + edited + "/", SETTINGS_FILE);
        assertEquals(stat[0], statInContainer()[0], "same size");
        plan = app.ok("plan").stdout();
        assertTrue(plan.contains("+ update container k-social-db (restart for max_worker_processes; container kept)"), plan);
        app.ok("apply");
        assertEquals(written, settingsFile());
        assertEquals(work, show("work_mem"));
        assertEquals("8", show("max_worker_processes"));
        assertEquals(id, TestEngine.containerId("k-social-db"), "in place");
        assertTrue(app.ok("plan").stdout().contains("no changes"));
    }

    @Test
    @Order(6)
    void aCpuChangeIsMadeInPlaceAndAMemoryChangeRecreatesOnTheSameVolume() throws Exception {
        Rows.write(5433, "k_social_user", "ksocial", app.password(K), 300);
        String id = TestEngine.containerId("k-social-db");
        app.editProfile(p -> ((ObjectNode) p.path("services").path(K).path("database").path("resources")).put("cpus", 1.0));
        String plan = app.ok("plan").stdout();
        assertTrue(plan.contains("+ update container k-social-db (CPUs "), plan);
        app.ok("apply");
        String afterCpu = TestEngine.containerId("k-social-db");
        if (!TestEngine.onPodman()) {
            assertEquals(id, afterCpu, "docker update, no new container");
        }
        assertEquals("1000000000", dockerOk("inspect", "-f", "{{.HostConfig.NanoCpus}}", "k-social-db").trim());

        app.editProfile(p -> ((ObjectNode) p.path("services").path(K).path("database").path("resources")).put("memoryMb", 512));
        plan = app.ok("plan").stdout();
        assertTrue(plan.contains("memory ") && plan.contains(" -> 512 MB (its /dev/shm follows"), plan);
        app.ok("apply");
        assertEquals(String.valueOf(512L << 20), dockerOk("inspect", "-f", "{{.HostConfig.Memory}}", "k-social-db").trim());
        assertEquals("200MB", show("shared_buffers"), "the explicit shared_buffers stays");
        assertEquals("384MB", show("effective_cache_size"), "derived ones follow memory");
        assertEquals(300, Rows.count(5433, "k_social_user", "ksocial", app.password(K)), "rows kept");
    }

    /** A parallel hash join whose shared hash table is larger than Docker's default 64 MB /dev/shm. */
    private static final String PARALLEL_QUERY = "set max_parallel_workers_per_gather = 1; set parallel_setup_cost = 0; "
            + "set parallel_tuple_cost = 0; set min_parallel_table_scan_size = 0; set work_mem = '512MB'; set enable_parallel_hash = on; "
            + "select count(*) from shm_probe a join shm_probe b on a.v = b.v";
    private static final String PROBE_TABLE = "create table if not exists shm_probe as select g as id, md5(g::text) || md5((g + 1)::text) as v "
            + "from generate_series(1, 1500000) g; analyze shm_probe";

    @Test
    @Order(4)
    void aParallelQueryThatFailsWithDockersDefaultShmSucceedsSized() {
        String peer = "kaspa-aio-test-default-shm";
        TestEngine.docker("rm", "-f", peer);
        dockerOk("run", "-d", "--name", peer, "-e", "POSTGRES_PASSWORD=peer-password-1", TestEngine.image());
        try {
            Proc.Result ready;
            long deadline = System.nanoTime() + 60_000_000_000L;
            do {
                ready = TestEngine.docker("exec", peer, "pg_isready", "-h", "127.0.0.1", "-U", "postgres");
            } while (ready.exitCode() != 0 && System.nanoTime() < deadline);
            assertTrue(Long.parseLong(dockerOk("inspect", "-f", "{{.HostConfig.ShmSize}}", peer).trim()) <= 64L << 20,
                    "the engine's default: 64 MB on Docker, 62.5 MB on Podman");
            assertEquals(0, TestEngine.docker("exec", peer, "psql", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-c", PROBE_TABLE).exitCode());
            Proc.Result small = TestEngine.docker("exec", peer, "psql", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-c", PARALLEL_QUERY);
            assertNotEquals(0, small.exitCode(), small.toString());
            assertTrue(small.stderr().contains("could not resize shared memory segment"), small.stderr());

            Proc.Result make = Rows.psql(5433, "k_social_user", "ksocial", app.password(K), PROBE_TABLE);
            assertEquals(0, make.exitCode(), make.toString());
            Proc.Result sized = Rows.psql(5433, "k_social_user", "ksocial", app.password(K), PARALLEL_QUERY);
            assertEquals(0, sized.exitCode(), sized.toString());
            assertEquals("1500000", sized.stdout().strip().lines().reduce((a, b) -> b).orElse(""));
        } finally {
            TestEngine.docker("rm", "-f", peer);
        }
    }
}
