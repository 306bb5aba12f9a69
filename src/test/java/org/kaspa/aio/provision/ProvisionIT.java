package org.kaspa.aio.provision;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.kaspa.aio.testsupport.TestEngine.docker;
import static org.kaspa.aio.testsupport.TestEngine.dockerOk;

/**
 * From nothing to both databases accepting, on the real engine, checked with the design's own
 * operations (docker exec pg_isready, psql logins, the shared network) and the real docker CLI.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionIT {
    /** Nothing of ours left running: the next class, or the Podman run after this one, finds the ports free. */
    @org.junit.jupiter.api.AfterAll
    static void leaveTheEngineEmpty() {
        org.kaspa.aio.testsupport.TestEngine.reset();
    }

    private static KaspaAio app;
    private static Proc.Result firstApply;
    private static Map<String, String> idsAfterFirstApply;

    @BeforeAll
    static void installFromNothing() throws IOException {
        TestEngine.reset();
        assertTrue(TestEngine.nothingOfOurs());
        app = new KaspaAio(Files.createTempDirectory("kaspa-aio-home"));
        Proc.Result init = app.ok("init");
        app.useImage(TestEngine.image()).withPoolers(false).withMonitoring(false);
        firstApply = app.run("apply");
        assertEquals(0, firstApply.exitCode(), firstApply.toString());
        idsAfterFirstApply = Map.of("k-social-db", TestEngine.containerId("k-social-db"),
                "simply-kaspa-db", TestEngine.containerId("simply-kaspa-db"));
        for (Proc.Result r : List.of(init, firstApply)) {
            assertNoSecretIn(r.all());
        }
    }

    private static void assertNoSecretIn(String text) {
        for (String service : List.of("k-indexer", "simply-kaspa-indexer")) {
            String pw = app.password(service);
            assertTrue(pw.length() >= 22, "password of at least 128 bits");
            assertFalse(text.contains(pw), "a password leaked into output");
        }
    }

    @Test
    @Order(1)
    void initWritesProfileAndOwnerOnlySecrets() throws IOException {
        Path secrets = app.home().resolve("secrets.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)));
        String a = app.password("k-indexer");
        String b = app.password("simply-kaspa-indexer");
        assertNotEquals(a, b);
        assertTrue(a.matches("[A-Za-z0-9_-]{32}"), "URL-safe, 192 bits");
        assertEquals("127.0.0.1", app.profile().path("bindAddress").asText());
        assertEquals(5433, app.profile().at("/services/k-indexer/database/port").asInt());
        // init never overwrites without --force
        Proc.Result again = app.run("init");
        assertEquals(1, again.exitCode());
        assertTrue(again.stderr().contains("--force"), again.stderr());
        assertEquals(a, app.password("k-indexer"));
    }

    @Test
    @Order(2)
    void designHealthCheckAcceptsInsideEachContainer() {
        Proc.Result k = docker("exec", "k-social-db", "pg_isready", "-U", "k_social_user", "-d", "ksocial");
        assertEquals(0, k.exitCode(), k.toString());
        assertTrue(k.stdout().contains("accepting connections"), k.stdout());
        Proc.Result s = docker("exec", "simply-kaspa-db", "pg_isready", "-U", "simply_kaspa_user", "-d", "simply_kaspa");
        assertEquals(0, s.exitCode(), s.toString());
        assertTrue(s.stdout().contains("accepting connections"), s.stdout());
    }

    @Test
    @Order(3)
    void psqlLogsInOnLoopbackWithGeneratedPasswords() {
        assertEquals("ksocial|k_social_user", psql(5433, "k_social_user", "ksocial", app.password("k-indexer")));
        assertEquals("simply_kaspa|simply_kaspa_user",
                psql(5434, "simply_kaspa_user", "simply_kaspa", app.password("simply-kaspa-indexer")));
        // and a wrong password is refused, so the password really is the one in secrets.json
        Proc.Result wrong = Proc.run(List.of("psql", "-h", "127.0.0.1", "-p", "5433", "-U", "k_social_user", "-d", "ksocial",
                "-tAc", "select 1"), Map.of("PGPASSWORD", "not-the-password"), Duration.ofSeconds(30));
        assertNotEquals(0, wrong.exitCode());
        assertTrue(wrong.stderr().contains("password authentication failed"), wrong.stderr());
    }

    static String psql(int port, String user, String db, String password) {
        Proc.Result r = Proc.run(List.of("psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", user, "-d", db,
                "-tAc", "select current_database() || '|' || current_user"), Map.of("PGPASSWORD", password), Duration.ofSeconds(30));
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout().trim();
    }

    @Test
    @Order(4)
    void portsArePublishedOnLoopbackOnly() {
        assertEquals("127.0.0.1:5433", dockerOk("port", "k-social-db", "5432/tcp").lines().findFirst().orElseThrow());
        assertEquals("127.0.0.1:5434", dockerOk("port", "simply-kaspa-db", "5432/tcp").lines().findFirst().orElseThrow());
    }

    @Test
    @Order(5)
    void containersFindEachOtherByNameOnTheSharedNetwork() {
        Proc.Result r = docker("exec", "simply-kaspa-db", "pg_isready", "-h", "k-social-db", "-p", "5432", "-U", "k_social_user", "-d", "ksocial");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("k-social-db:5432 - accepting connections", r.stdout().trim());
        String networks = dockerOk("inspect", "--format", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}", "k-social-db");
        assertEquals("kaspa-aio", networks.trim());
        assertEquals("unless-stopped", dockerOk("inspect", "--format", "{{.HostConfig.RestartPolicy.Name}}", "k-social-db"));
    }

    @Test
    @Order(6)
    void volumesExistWithOurLabelsAndHoldTheData() {
        for (String v : TestEngine.OUR_VOLUMES) {
            assertTrue(TestEngine.volumeExists(v), v);
        }
        assertEquals("kasia-indexer storage", dockerOk("volume", "inspect", "--format",
                "{{index .Labels \"kaspa-aio.service\"}} {{index .Labels \"kaspa-aio.role\"}}", "kasia-indexer-data"));
        assertEquals("k-social-db-data", dockerOk("inspect", "--format",
                "{{range .Mounts}}{{if eq .Destination \"/var/lib/postgresql/data\"}}{{.Name}}{{end}}{{end}}", "k-social-db"));
    }

    @Test
    @Order(7)
    void dockerInspectShowsNoPassword() {
        for (String c : List.of("k-social-db", "simply-kaspa-db")) {
            String inspect = dockerOk("inspect", c);
            assertNoSecretIn(inspect);
            assertTrue(inspect.contains("POSTGRES_PASSWORD_FILE="), "password delivered as a file");
            assertFalse(inspect.contains("POSTGRES_PASSWORD="), "no plaintext password variable");
            assertTrue(inspect.contains("\"kaspa-aio.config-hash\""), "config hash label");
        }
    }

    @Test
    @Order(8)
    void initScriptRanOnFirstStart() {
        Proc.Result r = Proc.run(List.of("psql", "-h", "127.0.0.1", "-p", "5433", "-U", "k_social_user", "-d", "ksocial",
                "-tAc", "show timezone"), Map.of("PGPASSWORD", app.password("k-indexer")), Duration.ofSeconds(30));
        assertEquals("UTC", r.stdout().trim(), r.toString());
        // and it created no table of the indexers' (DESIGN §4)
        Proc.Result tables = Proc.run(List.of("psql", "-h", "127.0.0.1", "-p", "5434", "-U", "simply_kaspa_user", "-d", "simply_kaspa",
                "-tAc", "select count(*) from pg_tables where schemaname = 'public'"), Map.of("PGPASSWORD", app.password("simply-kaspa-indexer")), Duration.ofSeconds(30));
        assertEquals("0", tables.stdout().trim(), tables.toString());
    }

    @Test
    @Order(9)
    void secondApplyChangesNothing() {
        Proc.Result plan = app.ok("plan");
        assertTrue(plan.stdout().contains("no changes"), plan.stdout());
        Proc.Result again = app.ok("apply");
        assertTrue(again.stdout().contains("no changes"), again.stdout());
        assertFalse(again.stdout().contains("creating") || again.stdout().contains("starting"), again.stdout());
        for (var e : idsAfterFirstApply.entrySet()) {
            assertEquals(e.getValue(), TestEngine.containerId(e.getKey()), e.getKey() + " kept its container");
        }
        assertEquals("0", dockerOk("inspect", "--format", "{{.RestartCount}}", "k-social-db"));
        assertNoSecretIn(plan.all() + again.all());
    }

    @Test
    @Order(10)
    void aStoppedContainerIsStartedNotRecreated() {
        dockerOk("stop", "simply-kaspa-db");
        Proc.Result plan = app.ok("plan");
        assertTrue(plan.stdout().contains("+ start container simply-kaspa-db"), plan.stdout());
        app.ok("apply");
        assertEquals(idsAfterFirstApply.get("simply-kaspa-db"), TestEngine.containerId("simply-kaspa-db"));
        assertEquals("true", dockerOk("inspect", "--format", "{{.State.Running}}", "simply-kaspa-db"));
    }
}
