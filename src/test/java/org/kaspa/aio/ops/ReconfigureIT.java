package org.kaspa.aio.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.PausingCli;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.Rows;
import org.kaspa.aio.testsupport.TestEngine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.kaspa.aio.testsupport.TestEngine.docker;
import static org.kaspa.aio.testsupport.TestEngine.dockerOk;

/**
 * Reconfiguration on the real engine with real rows: every step asserts the rows written at the start
 * are still there (1000 in ksocial, 500 in simply_kaspa), until --delete-data removes them on purpose.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconfigureIT {
    private static final String K = "k-indexer";
    private static final String S = "simply-kaspa-indexer";
    private static KaspaAio app;
    private static int kPort = 5433;
    private static final int S_PORT = 5434;
    private static final String RETAGGED = "kaspa-aio-standin/postgres:retagged-same-major";
    private static final String CLAIMS_16 = "kaspa-aio-test/claims-pg16:1";

    @BeforeAll
    static void installAndWriteRows() throws Exception {
        app = KaspaAio.installed();
        Rows.write(kPort, "k_social_user", "ksocial", app.password(K), 1000);
        Rows.write(S_PORT, "simply_kaspa_user", "simply_kaspa", app.password(S), 500);
        assertRowsIntact();
    }

    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
        docker("rmi", RETAGGED);
        docker("rmi", CLAIMS_16);
    }

    private static void assertRowsIntact() {
        assertEquals(1000, Rows.count(kPort, "k_social_user", "ksocial", app.password(K)), "rows in ksocial");
        assertEquals(500, Rows.count(S_PORT, "simply_kaspa_user", "simply_kaspa", app.password(S)), "rows in simply_kaspa");
    }

    private static ObjectNode db(ObjectNode profile, String service) {
        return (ObjectNode) profile.path("services").path(service).path("database");
    }

    private static int pgIsReady(int port) {
        return Proc.run("pg_isready", "-h", "127.0.0.1", "-p", String.valueOf(port)).exitCode();
    }

    @Test
    @Order(1)
    void portChangeRecreatesOnlyThatContainerOnTheSameVolume() {
        String simplyId = TestEngine.containerId("simply-kaspa-db");
        String kId = TestEngine.containerId("k-social-db");
        app.editProfile(p -> db(p, K).put("port", 15533));
        Proc.Result plan = app.ok("plan");
        assertTrue(plan.stdout().contains("+ recreate container k-social-db (port 5433 -> 15533; volume kept)"), plan.stdout());
        assertTrue(plan.stdout().contains("1 change(s)"), plan.stdout());
        app.ok("apply");
        kPort = 15533;
        assertEquals(2, pgIsReady(5433), "old port closed");
        assertEquals(0, pgIsReady(15533), "new port accepting");
        assertEquals(simplyId, TestEngine.containerId("simply-kaspa-db"));
        assertNotEquals(kId, TestEngine.containerId("k-social-db"));
        assertRowsIntact();
    }

    @Test
    @Order(2)
    void passwordRotationOldRefusedNewWorksAndSurvivesRestart() throws Exception {
        String old = app.password(K);
        Proc.Result r = app.ok("rotate-password", K);
        String fresh = app.password(K);
        assertNotEquals(old, fresh);
        assertFalse(r.all().contains(fresh) || r.all().contains(old), "no password in output");
        Proc.Result refused = Rows.psql(kPort, "k_social_user", "ksocial", old, "select 1");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().contains("password authentication failed"), refused.stderr());
        assertRowsIntact();

        dockerOk("restart", "k-social-db");
        app.ok("apply"); // waits until it accepts again; nothing to change
        assertRowsIntact();
        assertEquals(fresh, dockerOk("exec", "k-social-db", "cat", "/run/secrets/kaspa-aio/postgres-password"),
                "the container's password file follows, so a later recreate stays consistent");
        assertFalse(dockerOk("inspect", "k-social-db").contains(fresh));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(app.home().resolve("secrets.json"))));
    }

    @Test
    @Order(3)
    void passwordsWithQuotesDollarAtColonSlashAndSpacesRoundTrip() {
        String pw = "p'a\"s$s@w:o/r d-1234";
        Proc.Result r = app.runWithInput(pw + "\n", "rotate-password", S, "--password-stdin");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(pw, app.password(S));
        assertRowsIntact();
        Proc.Result masked = app.ok("connection", S);
        assertFalse(masked.stdout().contains("p'a"), masked.stdout());
        assertTrue(masked.stdout().contains("simply_kaspa_user:" + ConnectionString.MASK + "@simply-kaspa-db:5432/simply_kaspa"), masked.stdout());
        String url = app.ok("connection", S, "--reveal").stdout().lines()
                .filter(l -> l.startsWith("this machine: ")).findFirst().orElseThrow().substring("this machine: ".length());
        Proc.Result viaUrl = Proc.run(List.of("psql", url, "-tAc", "select count(*) from " + Rows.TABLE), Map.of(), java.time.Duration.ofSeconds(30));
        assertEquals(0, viaUrl.exitCode(), viaUrl.toString());
        assertEquals("500", viaUrl.stdout().trim());
    }

    @Test
    @Order(4)
    void aFailedRotationChangesNothing() throws Exception {
        String before = Files.readString(app.home().resolve("secrets.json"));
        Proc.Result tooShort = app.runWithInput("short\n", "rotate-password", S, "--password-stdin");
        assertEquals(1, tooShort.exitCode());
        assertEquals("kaspa-aio: rotate-password: new password: must be at least 12 characters", tooShort.stderr().trim());
        dockerOk("stop", "simply-kaspa-db");
        Proc.Result down = app.run("rotate-password", S);
        assertEquals(1, down.exitCode(), down.toString());
        assertTrue(down.stderr().startsWith("kaspa-aio: cannot log in to simply-kaspa-db on 127.0.0.1:5434 with the stored password, nothing was changed"), down.stderr());
        assertEquals(before, Files.readString(app.home().resolve("secrets.json")));
        app.ok("apply");
        assertRowsIntact();
    }

    @Test
    @Order(5)
    void imageTagChangeOnTheSameMajorRecreatesOnTheSameVolumes() {
        dockerOk("tag", TestEngine.image(), RETAGGED);
        app.useImage(RETAGGED);
        Proc.Result plan = app.ok("plan");
        assertTrue(plan.stdout().contains("+ recreate container k-social-db (image " + TestEngine.image() + " -> " + RETAGGED + "; volume kept)"), plan.stdout());
        app.ok("apply");
        // Podman spells a tagged local image docker.io/…: the same image
        assertEquals(RETAGGED, org.kaspa.aio.engine.ImageReference.canonical(dockerOk("inspect", "--format", "{{.Config.Image}}", "simply-kaspa-db")));
        assertRowsIntact();
    }

    @Test
    @Order(6)
    void aPostgresMajorVersionChangeIsRefused() {
        docker("rm", "-f", "claims-pg16-src"); // a leftover of an interrupted run
        dockerOk("create", "--name", "claims-pg16-src", "--label", "kaspa-aio-test=helper", TestEngine.image());
        TestEngine.commit("claims-pg16-src", "ENV PG_MAJOR=16", CLAIMS_16);
        dockerOk("rm", "claims-pg16-src");
        String kId = TestEngine.containerId("k-social-db");
        app.editProfile(p -> db(p, K).put("image", CLAIMS_16));
        Proc.Result r = app.run("apply");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().startsWith("kaspa-aio: k-social-db: image " + CLAIMS_16 + " runs PostgreSQL 16 but the data on volume "
                + "k-social-db-data was created by PostgreSQL 15"), r.stderr());
        assertEquals(kId, TestEngine.containerId("k-social-db"), "left untouched");
        app.editProfile(p -> db(p, K).put("image", RETAGGED));
        assertTrue(app.ok("plan").stdout().contains("no changes"));
        assertRowsIntact();
    }

    @Test
    @Order(7)
    void disablingKeepsTheVolumeAndReenablingReattachesIt() {
        app.editProfile(p -> ((ObjectNode) p.path("services").path(K)).put("enabled", false));
        Proc.Result apply = app.ok("apply");
        assertTrue(apply.stdout().contains("k-social-db: removing container (service disabled, volume kept)"), apply.stdout());
        assertFalse(TestEngine.containerExists("k-social-db"));
        assertTrue(TestEngine.volumeExists("k-social-db-data"));
        assertEquals(0, app.ok("status").exitCode(), "status covers enabled databases only");
        app.editProfile(p -> ((ObjectNode) p.path("services").path(K)).put("enabled", true));
        app.ok("apply");
        assertRowsIntact();
    }

    @Test
    @Order(8)
    void uninstallKeepsVolumesAndReinstallFindsTheRows() {
        Proc.Result r = app.ok("uninstall");
        assertTrue(r.stdout().contains("kept the data volumes: k-social-db-data kasia-indexer-data simply-kaspa-db-data"), r.stdout());
        assertTrue(r.stdout().contains("kaspa-aio uninstall --delete-data"), r.stdout());
        assertFalse(TestEngine.containerExists("k-social-db"));
        assertFalse(TestEngine.containerExists("simply-kaspa-db"));
        assertFalse(TestEngine.networkExists(TestEngine.NETWORK));
        TestEngine.OUR_VOLUMES.forEach(v -> assertTrue(TestEngine.volumeExists(v), v));
        app.ok("apply");
        assertRowsIntact();
    }

    @Test
    @Order(9)
    void killedApplyAtEachPointConvergesOnTheNextApply() throws Exception {
        int[] ports = {15601, 15602, 15603};
        // before the create, after create + file copy (never started), while waiting for readiness
        String[] points = {"CREATING", "CREATED", "WAITING"};
        for (int i = 0; i < points.length; i++) {
            int port = ports[i];
            app.editProfile(p -> db(p, K).put("port", port));
            Process p = app.startTestMain(PausingCli.class, points[i], "k-social-db", "apply");
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            boolean paused = false;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith("paused at " + points[i])) {
                    paused = true;
                    break;
                }
            }
            assertTrue(paused, "never reached " + points[i] + ":\n" + seen);
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));

            app.ok("apply");
            kPort = port;
            assertEquals(List.of("k-social-db", "simply-kaspa-db"),
                    List.of(dockerOk("ps", "-a", "--filter", "label=kaspa-aio.service", "--format", "{{.Names}}").split("\\s+"))
                            .stream().sorted().toList(), "no duplicate or orphan containers after a kill at " + points[i]);
            assertEquals(0, pgIsReady(port));
            assertRowsIntact();
        }
    }

    @Test
    @Order(10)
    void deleteDataNeedsTheNamesTypedBackOrYes() {
        Proc.Result wrong = app.runWithInput("k-social-db-data\n", "uninstall", "--delete-data");
        assertEquals(1, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.stdout().contains("This deletes the data on: k-social-db-data kasia-indexer-data simply-kaspa-db-data"), wrong.stdout());
        assertEquals("kaspa-aio: the names did not match; nothing was removed", wrong.stderr().trim());
        assertTrue(TestEngine.containerExists("k-social-db"));
        assertRowsIntact();

        Proc.Result typed = app.runWithInput("k-social-db-data kasia-indexer-data simply-kaspa-db-data\n", "uninstall", "--delete-data");
        assertEquals(0, typed.exitCode(), typed.toString());
        TestEngine.OUR_VOLUMES.forEach(v -> assertFalse(TestEngine.volumeExists(v), v));

        app.ok("apply");
        Proc.Result gone = Rows.psql(kPort, "k_social_user", "ksocial", app.password(K), "select count(*) from " + Rows.TABLE);
        assertNotEquals(0, gone.exitCode());
        assertTrue(gone.stderr().contains("does not exist"), gone.stderr());
        assertEquals(0, app.ok("uninstall", "--delete-data", "--yes").exitCode());
        TestEngine.OUR_VOLUMES.forEach(v -> assertFalse(TestEngine.volumeExists(v), v));
    }
}
