package org.kaspa.aio.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An engine on another host (a dockerd the harness runs in a network namespace of its own, over TLS with
 * client certificates): provisioning, status and rotation from this machine, with the ports bound to that
 * host's loopback (every check through the engine) and then to its address (every check dialling it);
 * plaintext refused unless accepted.
 */
class RemoteEngineIT {
    private static String engine;
    private static String certs;
    private static String remoteIp;
    private static String netns;
    private static KaspaAio app;

    @BeforeAll
    static void setUp() throws Exception {
        engine = require("KASPA_AIO_TEST_REMOTE_HOST");
        certs = require("KASPA_AIO_TEST_REMOTE_CERTS");
        netns = require("KASPA_AIO_TEST_REMOTE_NETNS");
        remoteIp = java.net.URI.create(engine).getHost();
        app = new KaspaAio(Files.createTempDirectory("kaspa-aio-remote")).withEnv("DOCKER_HOST", engine)
                .withEnv("DOCKER_TLS_VERIFY", "1").withEnv("DOCKER_CERT_PATH", certs);
        app.initWithImage(org.kaspa.aio.testsupport.TestEngine.image());
    }

    @AfterAll
    static void cleanUp() {
        if (app != null) {
            app.run("uninstall", "--delete-data", "--yes");
        }
    }

    private static String require(String name) {
        String v = System.getenv(name);
        assertNotNull(v, name + " is not set: run the tests through the README's test command");
        return v;
    }

    private static Proc.Result psql(int port, String user, String db, String password, String sql) {
        return Proc.run(List.of("psql", "-h", remoteIp, "-p", String.valueOf(port), "-U", user, "-d", db, "-tAc", sql),
                Map.of("PGPASSWORD", password), Duration.ofSeconds(30));
    }

    /** The real psql on the engine's host itself (its network namespace), dialling its loopback. */
    private static Proc.Result psqlOnEngineHost(int port, String user, String db, String password, String sql) {
        return Proc.run(List.of("ip", "netns", "exec", netns, "psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", user,
                "-d", db, "-tAc", sql), Map.of("PGPASSWORD", password), Duration.ofSeconds(30));
    }

    private static String remoteDocker(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        Proc.Result r = Proc.run(cmd, Map.of("DOCKER_HOST", engine, "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs), Duration.ofSeconds(60));
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout() + r.stderr();
    }

    @Test
    void portsOnTheRemoteLoopbackAreCheckedThroughTheEngineThenOnItsAddress() throws Exception {
        Proc.Result engines = app.ok("engines");
        assertTrue(engines.stdout().startsWith("* DOCKER_HOST at " + engine + " (DOCKER_HOST, TLS): Docker 20."), engines.stdout());

        // bound to the remote's loopback (the default): nothing here can dial it, every check goes through the engine
        Proc.Result apply = app.ok("apply");
        String through = "127.0.0.1:5433 on the engine's host (checked through the engine)";
        assertTrue(apply.stdout().contains("k-social-db: waiting until it accepts connections on " + through), apply.stdout());
        Proc.Result status = app.run("status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.stdout().contains("k-social-db (k-indexer): accepting connections on " + through), status.stdout());
        assertTrue(status.stdout().contains("login with the stored password: ok"), status.stdout());
        assertTrue(status.stdout().contains("schema: 0/"), "the schema was read through the engine too: " + status.stdout());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(app.ok("status", "--json").stdout()).path("databases").get(0);
        assertEquals("engine", json.path("checkedThrough").asText(), json.toString());
        assertEquals("127.0.0.1", json.path("host").asText());
        assertEquals(5433, json.path("port").asInt());
        assertEquals("1", psqlOnEngineHost(5433, "k_social_user", "ksocial", app.password("k-indexer"), "select 1").stdout().trim(),
                "the real psql on the engine's host agrees");
        assertNotEquals(0, psql(5433, "k_social_user", "ksocial", app.password("k-indexer"), "select 1").exitCode(),
                "and from here the port is out of reach, as bound");

        String before = app.password("simply-kaspa-indexer");
        app.ok("rotate-password", "simply-kaspa-indexer");
        String rotated = app.password("simply-kaspa-indexer");
        assertNotEquals(before, rotated);
        assertEquals("1", psqlOnEngineHost(5434, "simply_kaspa_user", "simply_kaspa", rotated, "select 1").stdout().trim());
        assertNotEquals(0, psqlOnEngineHost(5434, "simply_kaspa_user", "simply_kaspa", before, "select 1").exitCode(), "the old password is refused");
        assertTrue(app.ok("plan").stdout().contains("no changes"));
        String logs = remoteDocker("logs", "k-social-db");
        assertFalse(logs.contains("terminated by signal"), "no relay process ever ended under the postmaster: " + logs);

        // bound to an address of the remote host: dialled there directly
        app.editProfile(p -> p.put("bindAddress", remoteIp));
        Proc.Result moved = app.ok("apply");
        assertTrue(moved.stdout().contains("k-social-db: waiting until it accepts connections on " + remoteIp + ":5433"), moved.stdout());
        assertFalse(moved.stdout().contains("through the engine"), moved.stdout());
        status = app.run("status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.stdout().contains("k-social-db (k-indexer): accepting connections on " + remoteIp + ":5433\n"), status.stdout());
        assertTrue(status.stdout().contains("login with the stored password: ok"), status.stdout());
        assertEquals("1", psql(5433, "k_social_user", "ksocial", app.password("k-indexer"), "select 1").stdout().trim());
        assertEquals("1", psql(5434, "simply_kaspa_user", "simply_kaspa", rotated, "select 1").stdout().trim(),
                "the rotated password survived the move");
    }

    @Test
    void theSameEngineWithoutTlsIsRefusedUnlessAccepted() throws Exception {
        KaspaAio plain = new KaspaAio(app.home()).withoutEnv("DOCKER_TLS_VERIFY").withoutEnv("DOCKER_CERT_PATH").withEnv("DOCKER_HOST", engine);
        Proc.Result refused = plain.run("plan");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.stderr().startsWith("kaspa-aio: the engine " + engine + " is reached without TLS"), refused.stderr());
        Proc.Result accepted = plain.run("plan", "--insecure-engine");
        assertEquals(1, accepted.exitCode());
        assertTrue(accepted.stderr().contains("not reachable at " + engine), "accepted, then the TLS-only engine will not talk plain: "
                + accepted.stderr());
    }
}
