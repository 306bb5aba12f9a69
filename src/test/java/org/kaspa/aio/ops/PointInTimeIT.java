package org.kaspa.aio.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kaspa.aio.app.Installation;
import org.kaspa.aio.profile.KaspaAioHome;
import org.kaspa.aio.progress.Cancellation;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.Rows;
import org.kaspa.aio.testsupport.SmallDisk;
import org.kaspa.aio.testsupport.TestEngine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.*;
import static org.kaspa.aio.testsupport.TestEngine.dockerOk;

/**
 * Scheduled backups and point-in-time recovery on the real engine, with real WAL replay: the agent takes a
 * base backup at once, the server archives its WAL, a restore to the latest point and to a time between two
 * changes gives back exactly what the database held then (psql is the oracle) in a new volume while the old
 * one is kept, retention keeps the newest base backups and the WAL they need, a corrupted base backup fails
 * verification, and a full backups volume makes the backup fail (and say so) while the database runs on. A
 * restore cancelled while it copies or replays leaves nothing behind and changes nothing; one cancelled after
 * its switch finishes. The schedule editor's change reaches the agent alone; bad input changes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PointInTimeIT {
    private static KaspaAio app;
    private static String kPassword;
    private static SmallDisk smallBackups;

    @BeforeAll
    static void install() throws Exception {
        app = KaspaAio.fresh().withBackups(true);
        // rare on purpose: the base backups here are the agent's first and the ones the tests ask for; two kept
        app.editProfile(p -> p.path("services").forEach(s -> {
            if (s.has("database")) {
                ((ObjectNode) s.get("database").get("backups")).put("schedule", "0 0 1 1 *").put("keepBase", 2);
            }
        }));
        // the chain database's backups on a small disk of their own (48 MB), so that filling it is real
        smallBackups = SmallDisk.volume("simply-kaspa-db-data-backups", 160, "kaspa-aio.service=simply-kaspa-indexer", "kaspa-aio.role=database");
        app.ok("apply");
        kPassword = app.password("k-indexer");
        waitUntil(Duration.ofSeconds(90), "the agent's first base backup, verified", () -> app.run("backups", "k-indexer").stdout()
                .contains("verified"));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        TestEngine.reset();
        if (smallBackups != null) {
            smallBackups.close();
        }
    }

    private static void waitUntil(Duration limit, String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.call()) {
            assertTrue(System.nanoTime() < deadline, what + " not within " + limit);
            Thread.sleep(500);
        }
    }

    private static String sql(String statement) {
        Proc.Result r = Rows.psql(5433, "k_social_user", "ksocial", kPassword, statement);
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout().strip();
    }

    private static String volumeOf(String container) {
        return dockerOk("inspect", "--format", "{{range .Mounts}}{{if eq .Destination \"/var/lib/postgresql/data\"}}{{.Name}}{{end}}{{end}}",
                container).strip();
    }

    @Test
    @Order(1)
    void restoresToTheLatestPointAndToATimeBetweenTwoChangesIntoNewVolumesKeepingTheOldOnes() throws Exception {
        String original = volumeOf("k-social-db");
        sql("CREATE TABLE kept(n int); INSERT INTO kept SELECT generate_series(1, 100)");
        Thread.sleep(1500);
        String between = sql("SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'");
        Thread.sleep(1500);
        sql("DROP TABLE kept");

        // latest: everything the server wrote, the drop too
        Proc.Result latest = app.ok("restore", "k-indexer", "--to-latest");
        String afterLatest = volumeOf("k-social-db");
        assertNotEquals(original, afterLatest, "a new volume");
        assertTrue(latest.stdout().contains("the previous volume " + original + " is kept"), latest.stdout());
        assertEquals("f", sql("SELECT to_regclass('kept') IS NOT NULL"), "the drop was replayed");

        // a time between the insert and the drop: the rows are back, in another new volume
        Proc.Result back = app.ok("restore", "k-indexer", "--to-time", between);
        assertTrue(back.stdout().contains("the previous volume " + afterLatest + " is kept"), back.stdout());
        assertEquals("100", sql("SELECT count(*) FROM kept"), "the rows of before the drop");
        assertEquals("5050", sql("SELECT sum(n) FROM kept"));
        assertTrue(TestEngine.volumeExists(original) && TestEngine.volumeExists(afterLatest), "nothing was lost");
        // the stored password still logs in (the restored data holds its verifier), and status is healthy
        assertEquals(0, app.run("status").exitCode(), app.run("status").stdout());

        // the way back the output names: the previous volume in profile.json, then apply
        String restored = volumeOf("k-social-db");
        app.editProfile(p -> ((ObjectNode) p.at("/services/k-indexer/database")).put("volume", afterLatest));
        app.ok("apply");
        assertEquals("f", sql("SELECT to_regclass('kept') IS NOT NULL"), "the previous volume, as it was");
        app.editProfile(p -> ((ObjectNode) p.at("/services/k-indexer/database")).put("volume", restored));
        app.ok("apply");
        assertEquals("100", sql("SELECT count(*) FROM kept"));
    }

    @Test
    @Order(2)
    void aTimeOutsideTheWindowIsRefusedAndNothingChanges() {
        String before = volumeOf("k-social-db");
        Proc.Result early = app.run("restore", "k-indexer", "--to-time", "2001-01-01 00:00:00+00");
        assertNotEquals(0, early.exitCode());
        assertTrue(early.stderr().contains("no verified base backup of k-social-db ended before"), early.stderr());
        Proc.Result noZone = app.run("restore", "k-indexer", "--to-time", "2026-11-28 12:00:00");
        assertNotEquals(0, noZone.exitCode());
        assertTrue(noZone.stderr().contains("--to-time must be a timestamp with its zone"), noZone.stderr());
        assertEquals(before, volumeOf("k-social-db"));
    }

    @Test
    @Order(3)
    void aRestoreCancelledBeforeItsSwitchChangesNothingAndACancelAfterItIsRefused() throws Exception {
        Installation installation = Installation.open(new KaspaAioHome(app.home()), TestEngine.dockerHost());
        String before = volumeOf("k-social-db");
        String dbId = dockerOk("inspect", "--format", "{{.Id}}", "k-social-db").strip();
        java.util.Set<String> volumes = java.util.Set.copyOf(dockerOk("volume", "ls", "-q").lines().toList());
        byte[] profile = java.nio.file.Files.readAllBytes(app.home().resolve("profile.json"));
        // once while the base backup is copied into the new volume, once while its WAL replays
        for (String phase : List.of("restoring into the new volume", "replaying WAL")) {
            Cancellation cancel = new Cancellation();
            List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            long[] askedAt = {0};
            Cancellation.Cancelled e = assertThrows(Cancellation.Cancelled.class, () -> installation.restoreToPointInTime("k-indexer", null,
                    Duration.ofSeconds(90), ev -> {
                        events.add(ev.message());
                        if (ev.message().startsWith(phase) && askedAt[0] == 0) {
                            askedAt[0] = System.nanoTime();
                            assertTrue(cancel.request(), "taken before the switch");
                        }
                    }, cancel));
            long tookMs = (System.nanoTime() - askedAt[0]) / 1_000_000;
            System.out.println("[restore] cancelled while " + phase + ": ended " + tookMs + " ms after the request");
            // a helper stopped gracefully would wait out its 60 s grace: a Cancel kills it
            assertTrue(tookMs < 30_000, "the cancel took " + tookMs + " ms");
            assertTrue(e.getMessage().equals("Restore of k-indexer cancelled; nothing was changed (k-social-db runs on " + before + ")"), e.getMessage());
            assertTrue(events.stream().anyMatch(m -> m.startsWith(phase)), phase + " was reached: " + events);
            assertEquals(volumes, java.util.Set.copyOf(dockerOk("volume", "ls", "-q").lines().toList()), "the new volume is gone (" + phase + ")");
            assertFalse(TestEngine.containerExists("k-social-db-restore") || TestEngine.containerExists("k-social-db-restore-check"), phase);
            assertEquals(before, volumeOf("k-social-db"));
            assertEquals(dbId, dockerOk("inspect", "--format", "{{.Id}}", "k-social-db").strip(), "the database was not touched");
            assertArrayEquals(profile, java.nio.file.Files.readAllBytes(app.home().resolve("profile.json")));
            assertEquals("f", sql("SELECT to_regclass('kept') IS NULL"), "the data as it was");
        }
        // the CLI's Ctrl-C is the same Cancel: SIGINT while WAL replays, and the JVM waits for the clean-up
        Process cli = app.start(java.util.Map.of(), "restore", "k-indexer", "--to-latest");
        StringBuilder output = new StringBuilder();
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(cli.getInputStream()))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
                if (line.contains("replaying WAL")) {
                    assertEquals(0, Proc.run("kill", "-INT", String.valueOf(cli.pid())).exitCode());
                }
            }
        }
        assertTrue(cli.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertNotEquals(0, cli.exitValue(), output.toString());
        assertTrue(output.toString().contains("kaspa-aio: cancelling the restore; removing what it made"), output.toString());
        assertTrue(output.toString().contains("Restore of k-indexer cancelled; nothing was changed"), output.toString());
        assertEquals(volumes, java.util.Set.copyOf(dockerOk("volume", "ls", "-q").lines().toList()), "Ctrl-C left no volume behind");
        assertFalse(TestEngine.containerExists("k-social-db-restore") || TestEngine.containerExists("k-social-db-restore-check"));
        assertEquals(dbId, dockerOk("inspect", "--format", "{{.Id}}", "k-social-db").strip());
        assertArrayEquals(profile, java.nio.file.Files.readAllBytes(app.home().resolve("profile.json")));

        // past the point of no return a Cancel is refused and the restore finishes
        Cancellation late = new Cancellation();
        List<Boolean> taken = new java.util.concurrent.CopyOnWriteArrayList<>();
        var result = installation.restoreToPointInTime("k-indexer", null, Duration.ofSeconds(90), ev -> {
            if (ev.message().startsWith("switching to the restored volume")) {
                taken.add(late.request());
            }
        }, late);
        assertEquals(List.of(false), taken);
        assertEquals(result.newVolume(), volumeOf("k-social-db"));
        assertEquals("100", sql("SELECT count(*) FROM kept"));
    }

    @Test
    @Order(4)
    void theScheduleEditorsChangeReachesTheAgentAloneAndBadInputChangesNothing() throws Exception {
        Installation installation = Installation.open(new KaspaAioHome(app.home()), TestEngine.dockerHost());
        String agent = dockerOk("inspect", "--format", "{{.Id}}", "k-social-db-backup").strip();
        String db = dockerOk("inspect", "--format", "{{.Id}}", "k-social-db").strip();
        byte[] profile = java.nio.file.Files.readAllBytes(app.home().resolve("profile.json"));
        var bad = assertThrows(org.kaspa.aio.profile.InvalidInputException.class, () -> installation.changeBackupSchedule("k-indexer", "0 3 * *", 2,
                Duration.ofSeconds(90), e -> { }));
        assertEquals("profile.json: services.k-indexer.database.backups.schedule: must have five fields: minute hour day-of-month month day-of-week (got 4)",
                bad.getMessage());
        var badKeep = assertThrows(org.kaspa.aio.profile.InvalidInputException.class, () -> installation.changeBackupSchedule("k-indexer",
                "0 3 * * *", 0, Duration.ofSeconds(90), e -> { }));
        assertTrue(badKeep.getMessage().contains("services.k-indexer.database.backups.keepBase: must be between 1 and 100"), badKeep.getMessage());
        assertArrayEquals(profile, java.nio.file.Files.readAllBytes(app.home().resolve("profile.json")), "bad input changes nothing");
        assertEquals(agent, dockerOk("inspect", "--format", "{{.Id}}", "k-social-db-backup").strip());

        installation.changeBackupSchedule("k-indexer", "*/30 * * * 1-5", 3, Duration.ofSeconds(90), e -> { });
        String env = dockerOk("inspect", "--format", "{{join .Config.Env \"|\"}}", "k-social-db-backup");
        assertTrue(env.contains("KASPA_AIO_SCHEDULE=*/30 * * * 1-5") && env.contains("KASPA_AIO_KEEP_BASE=3")
                && env.contains("KASPA_AIO_INTERVAL_SECONDS=" + (2 * 86400 + 1800)), env);
        assertEquals(db, dockerOk("inspect", "--format", "{{.Id}}", "k-social-db").strip(), "the database itself is not recreated");
        var stored = app.loadProfile().service("k-indexer").database().backups();
        assertEquals("*/30 * * * 1-5", stored.schedule());
        assertEquals(3, stored.keepBase());
        assertTrue(app.ok("backups", "k-indexer").stdout().contains("*/30 * * * 1-5"));
        assertTrue(app.ok("plan").stdout().lines().noneMatch(l -> l.contains("k-social-db-backup") && l.contains("recreate")), "it is what runs");
        // back to the rare schedule and two kept, which the tests after this one count on
        installation.changeBackupSchedule("k-indexer", "0 0 1 1 *", 2, Duration.ofSeconds(90), e -> { });
    }

    @Test
    @Order(5)
    void retentionKeepsTheNewestBaseBackupsAndTheWalTheyNeed() throws Exception {
        app.ok("backup", "k-indexer", "--base");
        sql("CREATE TABLE IF NOT EXISTS later(n int); INSERT INTO later VALUES (1)");
        app.ok("backup", "k-indexer", "--base");
        String list = app.ok("backups", "k-indexer").stdout();
        List<String> bases = list.lines().filter(l -> l.matches("\\s+\\d{8}T\\d{6}Z .*")).toList();
        assertEquals(2, bases.size(), "keepBase 2: " + list);
        assertTrue(bases.stream().allMatch(l -> l.endsWith("verified")), list);
        // the oldest kept backup's first WAL file is the oldest one archived: nothing older kept, nothing it needs removed
        String oldest = bases.get(0).strip().split(" ")[0];
        String first = dockerOk("exec", "k-social-db-backup", "sh", "-c",
                "sed -n 's/^START WAL LOCATION: .* (file \\(.*\\))$/\\1/p' /backups/base/" + oldest + "/backup_label").strip();
        String oldestWal = dockerOk("exec", "k-social-db-backup", "sh", "-c",
                "ls /backups/wal | grep -E '^[0-9A-F]{24}$' | cut -c9- | sort | head -1").strip();
        assertEquals(first.substring(8), oldestWal, "the archive starts where the oldest kept backup does");
        // and a restore to the latest point still replays through all of it
        app.ok("restore", "k-indexer", "--to-latest");
        assertEquals("1", sql("SELECT count(*) FROM later"));
    }

    @Test
    @Order(6)
    void aCorruptedBaseBackupFailsVerification() {
        String list = app.ok("backups", "k-indexer").stdout();
        String newest = list.lines().filter(l -> l.matches("\\s+\\d{8}T\\d{6}Z .*")).reduce((a, b) -> b).orElseThrow().strip().split(" ")[0];
        dockerOk("exec", "k-social-db-backup", "sh", "-c", "printf x >> /backups/base/" + newest + "/PG_VERSION");
        Proc.Result verify = TestEngine.docker("exec", "k-social-db-backup", "bash", "/usr/local/lib/kaspa-aio/backup-agent.sh", "verify", newest);
        assertNotEquals(0, verify.exitCode());
        String after = app.ok("backups", "k-indexer").stdout();
        assertTrue(after.lines().anyMatch(l -> l.contains(newest) && l.contains("failed:") && l.contains("PG_VERSION")), after);
    }

    @Test
    @Order(7)
    void aFullBackupsVolumeFailsTheBackupLoudlyAndTheDatabaseRunsOn() throws Exception {
        waitUntil(Duration.ofSeconds(90), "the chain database's first base backup", () -> app.run("backups", "simply-kaspa-indexer").stdout()
                .contains("verified"));
        dockerOk("exec", "simply-kaspa-db-backup", "sh", "-c", "dd if=/dev/zero of=/backups/ballast bs=1M 2>/dev/null; true");
        Proc.Result failed = app.run("backup", "simply-kaspa-indexer", "--base");
        assertNotEquals(0, failed.exitCode());
        assertTrue(failed.stderr().contains("the base backup of simply-kaspa-db failed"), failed.stderr());
        Proc.Result list = app.run("backups", "simply-kaspa-indexer");
        assertEquals(1, list.exitCode(), "a warning exits 1");
        assertTrue(list.stdout().contains("WARNING: the last base backup failed"), list.stdout());
        Proc.Result status = app.run("status");
        assertEquals(1, status.exitCode(), "status says so too");
        assertTrue(status.stdout().contains("simply-kaspa-indexer backups:") && status.stdout().contains("WARNING: the last base backup failed"),
                status.stdout());
        assertTrue(status.stderr().contains("backups need attention: simply-kaspa-indexer"), status.stderr());
        String pw = app.password("simply-kaspa-indexer");
        assertEquals(0, Rows.psql(5434, "simply_kaspa_user", "simply_kaspa", pw, "CREATE TABLE still_writing(n int); INSERT INTO still_writing VALUES (1)")
                .exitCode(), "the database runs on");
        assertEquals(0, Proc.run("pg_isready", "-h", "127.0.0.1", "-p", "5434").exitCode());
        dockerOk("exec", "simply-kaspa-db-backup", "rm", "-f", "/backups/ballast");
        app.ok("backup", "simply-kaspa-indexer", "--base");
        assertEquals(0, app.run("backups", "simply-kaspa-indexer").exitCode(), "recovered: no warning");
    }

    @Test
    @Order(8)
    void uninstallWithDeleteDataRemovesTheVolumesRestoresLeftBehindToo() {
        assertTrue(dockerOk("volume", "ls", "-q").lines().anyMatch(v -> v.startsWith("k-social-db-data-")), "restores left volumes");
        app.ok("uninstall", "--delete-data", "--yes");
        assertTrue(dockerOk("volume", "ls", "-q").lines().noneMatch(v -> v.startsWith("k-social-db-data") || v.startsWith("simply-kaspa-db-data")),
                dockerOk("volume", "ls", "-q"));
    }
}
