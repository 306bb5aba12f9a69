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
 * client certificates): provisioning, status and rotation from this machine, every check dialling that
 * host; plaintext refused unless accepted.
 */
class RemoteEngineIT {
    private static String engine;
    private static String certs;
    private static String remoteIp;
    private static KaspaAio app;

    @BeforeAll
    static void setUp() throws Exception {
        engine = require("KASPA_AIO_TEST_REMOTE_HOST");
        certs = require("KASPA_AIO_TEST_REMOTE_CERTS");
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

    @Test
    void provisionStatusAndRotateOnARemoteEngineOverTls() {
        Proc.Result engines = app.ok("engines");
        assertTrue(engines.stdout().startsWith("* DOCKER_HOST at " + engine + " (DOCKER_HOST, TLS): Docker 20."), engines.stdout());

        Proc.Result loopback = app.run("apply");
        assertEquals(1, loopback.exitCode(), loopback.toString());
        assertEquals("kaspa-aio: profile.json: bindAddress: the engine runs on " + remoteIp + ": ports bound to 127.0.0.1 there cannot "
                + "be reached from here; set bindAddress to " + remoteIp + " (or another address of that host)", loopback.stderr().trim());

        app.editProfile(p -> p.put("bindAddress", remoteIp));
        Proc.Result apply = app.ok("apply");
        assertTrue(apply.stdout().contains("k-social-db: waiting until it accepts connections on " + remoteIp + ":5433"), apply.stdout());
        Proc.Result status = app.run("status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.stdout().contains("k-social-db (k-indexer): accepting connections on " + remoteIp + ":5433"), status.stdout());
        assertTrue(status.stdout().contains("login with the stored password: ok"), status.stdout());
        assertEquals("1", psql(5433, "k_social_user", "ksocial", app.password("k-indexer"), "select 1").stdout().trim());

        String before = app.password("simply-kaspa-indexer");
        app.ok("rotate-password", "simply-kaspa-indexer");
        assertNotEquals(before, app.password("simply-kaspa-indexer"));
        assertEquals("1", psql(5434, "simply_kaspa_user", "simply_kaspa", app.password("simply-kaspa-indexer"), "select 1").stdout().trim());
        assertNotEquals(0, psql(5434, "simply_kaspa_user", "simply_kaspa", before, "select 1").exitCode(), "the old password is refused");
        assertTrue(app.ok("plan").stdout().contains("no changes"));
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
