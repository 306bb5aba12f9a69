package org.kaspa.aio.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The tunnel through the engine's API, judged by the real pg_isready and psql dialling its local end: the
 * server answers as it does to an indexer on the network (a password is asked, the client address is not
 * loopback), no relay outlives its connection, and a stopped database is "no response".
 */
class EngineTunnelIT {
    private static KaspaAio app;
    private static DockerEngine engine;
    private static EngineTunnel tunnel;

    @BeforeAll
    static void provision() throws IOException {
        app = KaspaAio.installed();
        engine = DockerEngine.fromEnvironment();
        tunnel = EngineTunnel.open(engine, "k-social-db", "k-social-db", 5432);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        tunnel.close();
        engine.close();
        TestEngine.reset();
    }

    private static Proc.Result psql(String password, String sql) {
        return Proc.run(List.of("psql", "-h", tunnel.host(), "-p", String.valueOf(tunnel.port()), "-U", "k_social_user", "-d", "ksocial",
                "-tAc", sql), Map.of("PGPASSWORD", password, "PGCONNECT_TIMEOUT", "10"), Duration.ofSeconds(30));
    }

    private static Proc.Result pgIsReady() {
        return Proc.run(List.of("pg_isready", "-h", tunnel.host(), "-p", String.valueOf(tunnel.port()), "-t", "5"), Map.of(), Duration.ofSeconds(30));
    }

    @Test
    void theServerSeesANetworkClientThatMustGiveItsPassword() {
        assertEquals(0, pgIsReady().exitCode(), pgIsReady().toString());
        Proc.Result ok = psql(app.password("k-indexer"), "select inet_client_addr()::text like '127.%', current_user");
        assertEquals("f|k_social_user", ok.stdout().trim(), ok.toString());
        Proc.Result wrong = psql("not-the-password", "select 1");
        assertEquals(2, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.stderr().contains("password authentication failed"), wrong.stderr());
    }

    @Test
    void noRelayOutlivesItsConnection() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertEquals("1", psql(app.password("k-indexer"), "select 1").stdout().trim());
        }
        assertEquals(0, pgIsReady().exitCode());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String relays;
        do {
            Thread.sleep(200);
            relays = TestEngine.dockerOk("exec", "k-social-db", "sh", "-c", "grep -ls '[d]ev/tcp' /proc/[0-9]*/cmdline | wc -l").trim();
        } while (!relays.equals("0") && System.nanoTime() < deadline);
        assertEquals("0", relays, "relay shells still running");
    }
}
