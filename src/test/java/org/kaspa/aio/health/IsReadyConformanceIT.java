package org.kaspa.aio.health;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kaspa.aio.testsupport.FakePostgresServer;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code kaspa-aio isready} against the real {@code pg_isready} on the same targets: every case must
 * agree on exit code and output line, byte for byte, and the in-process probe on the verdict.
 */
class IsReadyConformanceIT {
    private static KaspaAio app;

    @BeforeAll
    static void provision() throws IOException {
        app = KaspaAio.installed();
    }

    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
    }

    /** Runs both tools with the same arguments and asserts they agree; returns the shared exit code. */
    private static int assertAgree(String... args) {
        return assertAgree(Map.of(), args);
    }

    /** The same, with extra environment (PGSSLMODE, …) for both tools. */
    private static int assertAgree(Map<String, String> env, String... args) {
        List<String> real = new ArrayList<>(List.of("pg_isready"));
        real.addAll(List.of(args));
        Proc.Result expected = Proc.run(real, env, Duration.ofSeconds(60));
        KaspaAio ours = new KaspaAio(app.home());
        env.forEach(ours::withEnv);
        Proc.Result actual = ours.run(prepend("isready", args));
        assertEquals(expected.exitCode(), actual.exitCode(), "exit code for " + String.join(" ", args)
                + "\npg_isready: " + expected + "\nkaspa-aio: " + actual);
        assertEquals(expected.stdout(), actual.stdout(), "output for " + String.join(" ", args));
        return actual.exitCode();
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static Readiness inProcess(String host, int port) {
        return new ReadinessProbe().probe(host, port, "k_social_user", "ksocial", Duration.ofSeconds(2));
    }

    @Test
    void runningDatabase() {
        assertEquals(0, assertAgree("-h", "127.0.0.1", "-p", "5433", "-U", "k_social_user", "-d", "ksocial"));
        assertEquals(0, assertAgree("-h", "127.0.0.1", "-p", "5434", "-U", "simply_kaspa_user", "-d", "simply_kaspa"));
        assertEquals(0, assertAgree("-h", "localhost", "-p", "5433"));
        assertEquals(0, assertAgree("-h", "127.0.0.1", "-p", "5433", "-U", "nobody", "-d", "nothing"));
        assertEquals(0, assertAgree("--host=127.0.0.1", "--port=5433", "-q"));
        assertEquals(Readiness.ACCEPTING, inProcess("127.0.0.1", 5433));
    }

    @Test
    void stoppedContainersPort() {
        TestEngine.dockerOk("stop", "simply-kaspa-db");
        try {
            assertEquals(2, assertAgree("-h", "127.0.0.1", "-p", "5434", "-U", "simply_kaspa_user", "-d", "simply_kaspa"));
            assertEquals(Readiness.NO_RESPONSE, inProcess("127.0.0.1", 5434));
        } finally {
            TestEngine.dockerOk("start", "simply-kaspa-db");
            // the next test may be runningDatabase: the server has to be up again, not starting up
            org.kaspa.aio.testsupport.Accepting.on(5434, Duration.ofSeconds(60));
        }
    }

    @Test
    void closedPortUnresolvableHostAndBadParameters() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertEquals(2, assertAgree("-h", "127.0.0.1", "-p", String.valueOf(closed)));
        assertEquals(2, assertAgree("-h", "no-such-host.invalid", "-p", "5433"));
        assertEquals(2, assertAgree("-h", "127.0.0.1", "-p", "abc"));
        assertEquals(2, assertAgree("-h", "127.0.0.1", "-p", "0"));
        assertEquals(2, assertAgree("-h", "127.0.0.1", "-p", "99999"));
        assertEquals(2, assertAgree("-h", "127.0.0.1", "-p", "5433", "-t", "abc"));
        assertEquals(2, assertAgree("-p", "5999"));
        assertEquals(0, assertAgree("-h", "127.0.0.1", "-p", " 5433"));
        assertEquals(0, assertAgree("-h", "no-such-host.invalid,127.0.0.1", "-p", "5433"));
        assertEquals(Readiness.NO_RESPONSE, inProcess("127.0.0.1", closed));
        assertEquals(Readiness.NO_RESPONSE, inProcess("no-such-host.invalid", 5433));
    }

    @ParameterizedTest
    @EnumSource(FakePostgresServer.Behaviour.class)
    void smallServersOnLoopback(FakePostgresServer.Behaviour behaviour) throws IOException {
        try (FakePostgresServer server = new FakePostgresServer(behaviour)) {
            String port = String.valueOf(server.port());
            int code = assertAgree("-h", "127.0.0.1", "-p", port, "-t", "2", "-U", "k_social_user", "-d", "ksocial");
            int expected = switch (behaviour) {
                case STARTING_UP, LONG_SQLSTATE -> 1;
                case AUTH_REQUEST, AUTH_SASL, BAD_PASSWORD -> 0;
                default -> 2;
            };
            assertEquals(expected, code, "pg_isready's verdict on " + behaviour);
            assertEquals(expected, inProcess("127.0.0.1", server.port()).exitCode(), "in-process probe on " + behaviour);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FakePostgresServer.Behaviour.class, names = {"GARBAGE", "NEGOTIATE_PROTOCOL", "CLOSE_AT_ONCE", "CLOSE_AFTER_STARTUP", "NEVER_ANSWER"})
    void aHostListGoesOnOrStopsWhereLibpqDoes(FakePostgresServer.Behaviour first) throws IOException {
        try (FakePostgresServer a = new FakePostgresServer(first);
             FakePostgresServer b = new FakePostgresServer(FakePostgresServer.Behaviour.AUTH_REQUEST, "127.0.0.2", a.port())) {
            int code = assertAgree("-h", "127.0.0.1,127.0.0.2", "-p", String.valueOf(a.port()), "-t", "2");
            // libpq moves on after a timeout, but not after a hang-up (before or after the startup message) or an
            // answer that is not PostgreSQL's
            int expected = first == FakePostgresServer.Behaviour.NEVER_ANSWER ? 0 : 2;
            assertEquals(expected, code, "after " + first);
        }
    }

    @Test
    void sslRequiredAgainstServersWithoutSsl() throws IOException {
        try (FakePostgresServer server = new FakePostgresServer(FakePostgresServer.Behaviour.AUTH_REQUEST)) {
            assertEquals(2, assertAgree(Map.of("PGSSLMODE", "require"), "-h", "127.0.0.1", "-p", String.valueOf(server.port()), "-t", "2"));
            assertEquals(0, assertAgree(Map.of("PGSSLMODE", "prefer"), "-h", "127.0.0.1", "-p", String.valueOf(server.port()), "-t", "2"));
            assertEquals(2, assertAgree(Map.of("PGSSLMODE", "verify-full", "PGSSLROOTCERT", "/nonexistent/root.crt"),
                    "-h", "127.0.0.1", "-p", String.valueOf(server.port()), "-t", "2"));
        }
        assertEquals(2, assertAgree(Map.of("PGSSLMODE", "require"), "-h", "127.0.0.1", "-p", "5433", "-U", "k_social_user", "-d", "ksocial"));
    }

    @Test
    void sslRequiredAgainstTheRealDatabaseWithSslOn() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("kaspa-aio-tls");
        assertEquals(0, Proc.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-keyout", dir.resolve("server.key").toString(), "-out", dir.resolve("server.crt").toString()), Map.of(),
                Duration.ofSeconds(60)).exitCode());
        for (String f : List.of("server.key", "server.crt")) {
            TestEngine.dockerOk("cp", dir.resolve(f).toString(), "simply-kaspa-db:/var/lib/postgresql/data/" + f);
        }
        TestEngine.dockerOk("exec", "-u", "root", "simply-kaspa-db", "sh", "-c",
                "chown postgres:postgres /var/lib/postgresql/data/server.* && chmod 600 /var/lib/postgresql/data/server.key");
        String pw = app.password("simply-kaspa-indexer");
        try {
            // ALTER SYSTEM cannot share psql -c's implicit transaction: one statement per call
            assertEquals(0, org.kaspa.aio.testsupport.Rows.psql(5434, "simply_kaspa_user", "simply_kaspa", pw, "alter system set ssl = on").exitCode());
            assertEquals(0, org.kaspa.aio.testsupport.Rows.psql(5434, "simply_kaspa_user", "simply_kaspa", pw, "select pg_reload_conf()").exitCode());
            // libpq's default (prefer) now talks TLS to it too
            assertEquals(0, assertAgree("-h", "127.0.0.1", "-p", "5434", "-U", "simply_kaspa_user", "-d", "simply_kaspa"));
            assertEquals(0, assertAgree(Map.of("PGSSLMODE", "require"), "-h", "127.0.0.1", "-p", "5434", "-U", "simply_kaspa_user", "-d", "simply_kaspa"));
            assertEquals(0, assertAgree(Map.of("PGSSLMODE", "require"), "-h", "127.0.0.1", "-p", "5434", "-U", "nobody", "-d", "nothing"));
        } finally {
            org.kaspa.aio.testsupport.Rows.psql(5434, "simply_kaspa_user", "simply_kaspa", pw, "alter system reset ssl");
            org.kaspa.aio.testsupport.Rows.psql(5434, "simply_kaspa_user", "simply_kaspa", pw, "select pg_reload_conf()");
        }
    }

    @Test
    void anEmptyPort() {
        assertEquals(2, assertAgree("-h", "127.0.0.1", "-p", ""));
    }

    @Test
    void badOptionsAreNoAttempt() {
        Proc.Result real = Proc.run("pg_isready", "-x");
        Proc.Result ours = app.run("isready", "-x");
        assertEquals(3, real.exitCode());
        assertEquals(real.exitCode(), ours.exitCode());
        assertEquals("", ours.stdout());
    }
}
