package org.kaspa.aio.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.PausingCli;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.Rows;
import org.kaspa.aio.testsupport.TestEngine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.kaspa.aio.testsupport.TestEngine.docker;
import static org.kaspa.aio.testsupport.TestEngine.dockerOk;

/**
 * Issue 12 on the real engine: every path that used to lose data or lock the indexers out, each tried
 * as a person would with the packaged CLI, with real psql as the judge of who can log in.
 */
class NothingLostIT {
    private static final String K = "k-indexer";
    private static final String S = "simply-kaspa-indexer";
    private static final String NO_MAJOR_16 = "kaspa-aio-test/no-pg-major-says-16:1";
    private static final String NO_MAJOR_REAL = "kaspa-aio-test/no-pg-major:1";
    private static final String BROKEN = "kaspa-aio-test/exits-at-once:1";

    @AfterEach
    void cleanUp() {
        docker("volume", "rm", "-f", "other-home-data");
        TestEngine.reset();
    }

    @AfterAll
    static void removeImages() {
        docker("rmi", NO_MAJOR_16, NO_MAJOR_REAL, BROKEN);
    }

    private static boolean logsIn(KaspaAio app, String service, int port, String user, String db) {
        return Rows.psql(port, user, db, app.password(service), "select 1").exitCode() == 0;
    }

    private static ObjectNode db(ObjectNode profile, String service) {
        return (ObjectNode) profile.path("services").path(service).path("database");
    }

    /** Starts the CLI paused at a point (see PausingCli) and returns once it is there. */
    private static Process pausedAt(KaspaAio app, String point, String component, String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = point;
        all[1] = component;
        System.arraycopy(args, 0, all, 2, args.length);
        Process p = app.startTestMain(PausingCli.class, all);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("paused at " + point)) {
                return p;
            }
        }
        throw new AssertionError("never reached " + point + ":\n" + seen);
    }

    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    }

    @Test
    void initForceKeepsThePasswordOfEveryExistingVolume() throws Exception {
        KaspaAio app = KaspaAio.installed();
        String before = app.password(K);
        Proc.Result init = app.ok("init", "--force");
        assertTrue(init.stdout().contains("kept the passwords of the existing volumes k-social-db-data, simply-kaspa-db-data"), init.stdout());
        assertEquals(before, app.password(K));
        app.useImage(TestEngine.image()).withPoolers(false).withMonitoring(false);
        app.ok("apply");
        assertTrue(logsIn(app, K, 5433, "k_social_user", "ksocial"), "the stored password still logs in");
        assertTrue(logsIn(app, S, 5434, "simply_kaspa_user", "simply_kaspa"));
        assertEquals(0, app.run("status").exitCode());
    }

    @Test
    void aStoredPasswordTheDataRefusesFailsApplyAndStatusAndResetLetsTheIndexersBackIn() throws Exception {
        KaspaAio app = KaspaAio.installed();
        Rows.write(5433, "k_social_user", "ksocial", app.password(K), 25);
        // secrets.json no longer belongs to the volume (lost, or replaced by hand)
        ObjectMapper json = new ObjectMapper();
        ObjectNode secrets = (ObjectNode) json.readTree(app.home().resolve("secrets.json").toFile());
        ((ObjectNode) secrets.get(K)).put("password", "a-password-the-data-never-saw-1");
        Files.writeString(app.home().resolve("secrets.json"), json.writeValueAsString(secrets));

        Proc.Result apply = app.run("apply");
        assertEquals(1, apply.exitCode(), apply.toString());
        String line = apply.stderr().lines().filter(l -> l.startsWith("kaspa-aio: ")).findFirst().orElseThrow();
        assertTrue(line.startsWith("kaspa-aio: k-social-db: the stored password of k_social_user is refused by the data on volume k-social-db-data"), line);
        assertTrue(line.contains("kaspa-aio rotate-password k-indexer --reset"), line);

        Proc.Result status = app.run("status", "--json");
        assertEquals(1, status.exitCode(), status.toString());
        JsonNode dbs = json.readTree(status.stdout()).path("databases");
        assertEquals("refused", dbs.get(0).path("login").asText(), status.stdout());
        assertEquals("ok", dbs.get(1).path("login").asText(), status.stdout());
        assertTrue(status.stderr().contains("the stored password is refused by: k-social-db (k-indexer)"), status.stderr());

        Proc.Result reset = app.ok("rotate-password", K, "--reset");
        assertFalse(reset.stdout().contains("a-password-the-data-never-saw-1"));
        assertTrue(logsIn(app, K, 5433, "k_social_user", "ksocial"));
        assertEquals(25, Rows.count(5433, "k_social_user", "ksocial", app.password(K)), "rows kept");
        assertEquals(0, app.run("status").exitCode());
        assertEquals(0, app.run("apply").exitCode());
    }

    /** How often k-social-db's log shows a login other than the upkeep's psql in the container (log_connections on). */
    private static int storedPasswordLogins() {
        Proc.Result logs = docker("logs", "k-social-db");
        return (int) (logs.stdout() + logs.stderr()).lines()
                .filter(l -> l.contains("connection authorized: user=k_social_user") && !l.contains("application_name=psql")).count();
    }

    @Test
    void aNoChangeApplyLogsInAgainOnlyWhereNoProofOfTheSameContainerAndPasswordStands() throws Exception {
        KaspaAio app = KaspaAio.fresh();
        app.editProfile(p -> ((ObjectNode) db(p, K).get("settings")).put("log_connections", "on"));
        app.ok("apply");
        int first = storedPasswordLogins();
        assertTrue(first >= 1, "the first apply logged in with the stored password");
        Path proofs = app.home().resolve("login-proofs");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(proofs)));
        String text = Files.readString(proofs);
        assertFalse(text.contains(app.password(K)) || text.contains(app.password(S)), "the proofs hold no password");

        app.ok("apply");
        assertEquals(first, storedPasswordLogins(), "the same container took the same password: no second login");
        Files.delete(proofs);
        app.ok("apply");
        assertEquals(first + 1, storedPasswordLogins(), "without a proof apply logs in");
        assertTrue(Files.exists(proofs));

        // a new container on the same volume is asked again (its log starts with it)
        app.editProfile(p -> db(p, K).put("port", 15702));
        app.ok("apply");
        assertEquals(1, storedPasswordLogins(), "the recreated container was asked");
        assertTrue(logsIn(app, K, 15702, "k_social_user", "ksocial"));
    }

    @Test
    void aPasswordChangedInsideTheDatabaseIsMetByStatusAndThenByApply() throws Exception {
        KaspaAio app = KaspaAio.installed();
        app.ok("apply"); // proved: this apply trusted the first one's proof
        dockerOk("exec", "k-social-db", "psql", "-U", "k_social_user", "-d", "ksocial", "-c",
                "ALTER ROLE k_social_user PASSWORD 'changed-behind-kaspa-aios-back-1'");
        Proc.Result status = app.run("status");
        assertEquals(1, status.exitCode(), status.toString());
        assertTrue(status.stderr().contains("the stored password is refused by: k-social-db (k-indexer)"), status.stderr());

        Proc.Result apply = app.run("apply");
        assertEquals(1, apply.exitCode(), "status withdrew the proof, so apply asked the database: " + apply);
        assertTrue(apply.stderr().contains("k-social-db: the stored password of k_social_user is refused by the data on volume k-social-db-data"),
                apply.stderr());
        app.ok("rotate-password", K, "--reset");
        assertTrue(logsIn(app, K, 5433, "k_social_user", "ksocial"));
        assertEquals(0, app.run("apply").exitCode());
        assertEquals(0, app.run("status").exitCode());
    }

    @Test
    void concurrentRotationsAreSerialisedAndBothKept() throws Exception {
        KaspaAio app = KaspaAio.installed();
        String k0 = app.password(K);
        String s0 = app.password(S);
        Process a = app.start(java.util.Map.of(), "rotate-password", K);
        Process b = app.start(java.util.Map.of(), "rotate-password", S);
        assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, a.exitValue(), new String(a.getInputStream().readAllBytes()));
        assertEquals(0, b.exitValue(), new String(b.getInputStream().readAllBytes()));
        assertNotEquals(k0, app.password(K));
        assertNotEquals(s0, app.password(S));
        assertTrue(logsIn(app, K, 5433, "k_social_user", "ksocial"), "k-indexer's new password was not overwritten by the other rotation");
        assertTrue(logsIn(app, S, 5434, "simply_kaspa_user", "simply_kaspa"));
    }

    @Test
    void aSecondWriterWaitsForTheFirstAndGoesOnWhenItDies() throws Exception {
        KaspaAio app = KaspaAio.installed();
        app.editProfile(p -> db(p, K).put("port", 15701));
        Process holder = pausedAt(app, "WAITING", "k-social-db", "apply");
        Process second = app.start(java.util.Map.of(), "rotate-password", S);
        BufferedReader out = new BufferedReader(new InputStreamReader(second.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertNotNull(first);
        assertTrue(first.startsWith("kaspa-aio: waiting for another kaspa-aio (pid " + holder.pid() + ")"), first);
        assertTrue(second.isAlive(), "it waits rather than interleaving");
        kill(holder);
        assertTrue(second.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, second.exitValue());
        app.ok("apply");
        assertTrue(logsIn(app, S, 5434, "simply_kaspa_user", "simply_kaspa"));
        assertTrue(logsIn(app, K, 15701, "k_social_user", "ksocial"));
    }

    @Test
    void readOnlyCommandsNeverWriteSecrets() throws Exception {
        KaspaAio app = KaspaAio.installed();
        Path file = app.home().resolve("secrets.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode secrets = (ObjectNode) json.readTree(file.toFile());
        secrets.remove(S); // a password missing: status/plan/connection must not generate and store one
        Files.writeString(file, json.writeValueAsString(secrets));
        byte[] before = Files.readAllBytes(file);
        var mtime = Files.getLastModifiedTime(file);
        app.run("status");
        app.run("plan");
        app.run("connection", K);
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(mtime, Files.getLastModifiedTime(file));
    }

    @Test
    void aRotationKilledAtAnyPointLeavesAWorkingStoredPassword() throws Exception {
        KaspaAio app = KaspaAio.installed();
        for (String point : List.of("WORKING:recorded as pending", "WORKING:verifying")) {
            String old = app.password(K);
            Process p = pausedAt(app, point, "k-social-db", "rotate-password", K);
            kill(p);
            JsonNode pending = new ObjectMapper().readTree(app.home().resolve("secrets.json").toFile()).path(K).path("pending");
            assertTrue(pending.isTextual(), "the new password was recorded before ALTER ROLE");
            Proc.Result status = app.run("status", "--json");
            String login = new ObjectMapper().readTree(status.stdout()).path("databases").get(0).path("login").asText();
            assertEquals(point.endsWith("verifying") ? "pending" : "ok", login, status.stdout());
            app.ok("apply"); // any changing command reconciles
            JsonNode entry = new ObjectMapper().readTree(app.home().resolve("secrets.json").toFile()).path(K);
            assertTrue(entry.path("pending").isMissingNode(), entry.toString());
            assertEquals(point.endsWith("verifying") ? pending.asText() : old, entry.path("password").asText(),
                    "the password that works is the stored one");
            assertTrue(logsIn(app, K, 5433, "k_social_user", "ksocial"), "after a kill at " + point);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(app.home().resolve("secrets.json"))));
        }
    }

    @Test
    void truncatedDumpsAreRefusedBeforeAnythingIsTouchedAndARealErrorIsShown() throws Exception {
        KaspaAio app = KaspaAio.installed();
        Rows.write(5433, "k_social_user", "ksocial", app.password(K), 2000);
        Path dir = Files.createTempDirectory("kaspa-aio-dumps");
        Path plain = dir.resolve("k.sql");
        Path custom = dir.resolve("k.dump");
        app.ok("backup", K, "--out", plain.toString(), "--format", "plain");
        app.ok("backup", K, "--out", custom.toString());
        String text = Files.readString(plain);
        int copy = text.indexOf("COPY public." + Rows.TABLE);
        assertTrue(copy > 0);
        Path cutPlain = dir.resolve("cut.sql");
        Files.writeString(cutPlain, text.substring(0, copy + (text.length() - copy) / 2)); // inside the COPY block
        Path cutCustom = dir.resolve("cut.dump");
        byte[] bytes = Files.readAllBytes(custom);
        Files.write(cutCustom, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        Rows.psql(5433, "k_social_user", "ksocial", app.password(K), "delete from " + Rows.TABLE + " where id > 1500");

        for (Path cut : List.of(cutPlain, cutCustom)) {
            Proc.Result r = app.run("restore", K, "--in", cut.toString(), "--yes");
            assertEquals(1, r.exitCode(), r.toString());
            assertEquals(1, r.stderr().trim().lines().count(), r.stderr());
            assertTrue(r.stderr().contains(cut.equals(cutPlain) ? "is an incomplete plain dump" : "is a damaged or incomplete custom dump"),
                    r.stderr());
            assertTrue(r.stderr().trim().endsWith("nothing was restored"), r.stderr());
            assertEquals(1500, Rows.count(5433, "k_social_user", "ksocial", app.password(K)), "the database is untouched");
        }

        // a complete dump whose SQL fails: the ERROR line, not the NOTICE that comes first
        String trailer = "-- PostgreSQL database dump complete";
        Path failing = dir.resolve("failing.sql");
        Files.writeString(failing, text.replace(trailer, "SELECT no_such_function_here();\n\n--\n" + trailer));
        Proc.Result r = app.run("restore", K, "--in", failing.toString(), "--yes");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("ERROR:") && r.stderr().contains("no_such_function_here"), r.stderr());
        assertFalse(r.stderr().contains("NOTICE"), r.stderr());
        assertEquals(1500, Rows.count(5433, "k_social_user", "ksocial", app.password(K)), "rolled back");
    }

    @Test
    void aRestoreThatRunsLongerThanAMinuteIsWaitedForNotReportedFailed() throws Exception {
        KaspaAio app = KaspaAio.installed();
        Rows.write(5433, "k_social_user", "ksocial", app.password(K), 300);
        Path dump = Files.createTempDirectory("kaspa-aio-slow").resolve("slow.sql");
        app.ok("backup", K, "--out", dump.toString(), "--format", "plain");
        String trailer = "-- PostgreSQL database dump complete";
        Files.writeString(dump, Files.readString(dump).replace(trailer, "SELECT pg_sleep(65);\n\n--\n" + trailer));
        Rows.psql(5433, "k_social_user", "ksocial", app.password(K), "delete from " + Rows.TABLE);
        long t0 = System.nanoTime();
        Proc.Result r = app.run("restore", K, "--in", dump.toString(), "--yes");
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(seconds >= 65, "it really waited: " + seconds + " s");
        assertTrue(r.stdout().contains("k-social-db: still restoring ("), r.stdout());
        assertEquals(300, Rows.count(5433, "k_social_user", "ksocial", app.password(K)));
    }

    @Test
    void aNameOrUserChangeOnAnExistingVolumeIsRefusedWithTheWayToDoIt() throws Exception {
        KaspaAio app = KaspaAio.installed();
        String id = TestEngine.containerId("k-social-db");
        app.editProfile(p -> db(p, K).put("name", "ksocial_renamed"));
        Proc.Result r = app.run("apply");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals(1, r.stderr().trim().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("kaspa-aio: profile.json: services.k-indexer.database.name: cannot change from 'ksocial' to "
                + "'ksocial_renamed' on the existing volume k-social-db-data"), r.stderr());
        assertTrue(r.stderr().contains("back up, set a new volume name in profile.json, apply, and restore"), r.stderr());
        assertEquals(id, TestEngine.containerId("k-social-db"), "nothing changed");
        app.editProfile(p -> db(p, K).put("name", "ksocial").put("user", "someone_else"));
        assertTrue(app.run("apply").stderr().contains("services.k-indexer.database.user: cannot change from 'k_social_user'"));

        // no container left: the volume's own labels remember what it was created for
        app.editProfile(p -> db(p, K).put("user", "k_social_user"));
        dockerOk("rm", "-f", "k-social-db");
        app.editProfile(p -> db(p, K).put("name", "ksocial_renamed"));
        assertTrue(app.run("apply").stderr().contains("services.k-indexer.database.name: cannot change from 'ksocial'"));
    }

    @Test
    void theMajorVersionGuardRunsForAnImageWithoutPgMajor() throws Exception {
        KaspaAio app = KaspaAio.installed();
        Path fake = Files.createTempFile("postgres", "");
        Files.writeString(fake, "#!/bin/sh\necho 'postgres (PostgreSQL) 16.4'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        String path = "PATH=/usr/local/bin:/usr/lib/postgresql/15/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        docker("rm", "-f", "no-major-src"); // a leftover of an interrupted run
        dockerOk("create", "--name", "no-major-src", "--label", "kaspa-aio-test=helper", TestEngine.image());
        TestEngine.commit("no-major-src", "ENV PG_MAJOR=", NO_MAJOR_REAL);
        dockerOk("cp", fake.toString(), "no-major-src:/usr/local/bin/postgres");
        dockerOk("commit", "--change", "ENV PG_MAJOR=", "--change", "ENV " + path, "no-major-src", NO_MAJOR_16);
        dockerOk("rm", "no-major-src");

        String id = TestEngine.containerId("k-social-db");
        app.editProfile(p -> db(p, K).put("image", NO_MAJOR_16));
        Proc.Result r = app.run("apply");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().startsWith("kaspa-aio: k-social-db: image " + NO_MAJOR_16 + " runs PostgreSQL 16 but the data on volume "
                + "k-social-db-data was created by PostgreSQL 15"), r.stderr());
        assertEquals(id, TestEngine.containerId("k-social-db"), "left untouched");

        app.editProfile(p -> db(p, K).put("image", NO_MAJOR_REAL));
        app.ok("apply"); // its own postgres says 15: allowed
        assertTrue(logsIn(app, K, 5433, "k_social_user", "ksocial"));
    }

    @Test
    void aFailedImageChangeLeavesTheDatabaseUpAsItWas() throws Exception {
        KaspaAio app = KaspaAio.installed();
        Rows.write(5433, "k_social_user", "ksocial", app.password(K), 40);
        docker("rm", "-f", "broken-src"); // a leftover of an interrupted run
        dockerOk("create", "--name", "broken-src", "--label", "kaspa-aio-test=helper", TestEngine.image());
        TestEngine.commit("broken-src", "ENTRYPOINT [\"/bin/false\"]", BROKEN);
        dockerOk("rm", "broken-src");
        String id = TestEngine.containerId("k-social-db");
        app.editProfile(p -> db(p, K).put("image", BROKEN).put("port", 15702));
        Proc.Result r = app.run("apply", "--timeout", "20");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("the previous container was started again unchanged"), r.stderr());
        assertEquals(id, TestEngine.containerId("k-social-db"), "the very same container, under its own name");
        assertEquals("running", dockerOk("inspect", "--format", "{{.State.Status}}", "k-social-db"));
        assertFalse(TestEngine.containerExists("k-social-db-previous"));
        // started again, the old container's server takes its moment to start up (apply does not wait for it)
        org.kaspa.aio.testsupport.Accepting.on(5433, java.time.Duration.ofSeconds(60));
        assertEquals(40, Rows.count(5433, "k_social_user", "ksocial", app.password(K)), "up on its old port with every row");
    }

    @Test
    void namesAreUniqueEvenForADisabledService() throws Exception {
        KaspaAio app = KaspaAio.installed();
        String id = TestEngine.containerId("simply-kaspa-db");
        app.editProfile(p -> {
            ((ObjectNode) p.path("services").path(K)).put("enabled", false);
            db(p, K).put("container", "simply-kaspa-db");
        });
        Proc.Result r = app.run("apply");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("kaspa-aio: profile.json: services.simply-kaspa-indexer.database.container: container name 'simply-kaspa-db' "
                + "is already used by services.k-indexer.database.container", r.stderr().trim());
        assertEquals(id, TestEngine.containerId("simply-kaspa-db"), "the enabled service's database was not removed as 'disabled'");
    }

    @Test
    void deleteDataRemovesOnlyThisProfilesVolumes() throws Exception {
        KaspaAio app = KaspaAio.installed();
        dockerOk("volume", "create", "--label", "kaspa-aio.service=k-indexer", "--label", "kaspa-aio.role=database", "other-home-data");
        Proc.Result r = app.ok("uninstall", "--delete-data", "--yes");
        assertTrue(r.stdout().contains("deleted the data volumes: k-social-db-data kasia-indexer-data simply-kaspa-db-data"), r.stdout());
        assertTrue(TestEngine.volumeExists("other-home-data"), "another home's volume is not ours to delete");
        TestEngine.OUR_VOLUMES.forEach(v -> assertFalse(TestEngine.volumeExists(v), v));
    }
}
