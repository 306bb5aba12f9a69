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
        List<String> real = new ArrayList<>(List.of("pg_isready"));
        real.addAll(List.of(args));
        Proc.Result expected = Proc.run(real, Map.of(), Duration.ofSeconds(60));
        Proc.Result actual = app.run(prepend("isready", args));
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
                case STARTING_UP -> 1;
                case AUTH_REQUEST, AUTH_SASL, BAD_PASSWORD -> 0;
                default -> 2;
            };
            assertEquals(expected, code, "pg_isready's verdict on " + behaviour);
            assertEquals(expected, inProcess("127.0.0.1", server.port()).exitCode(), "in-process probe on " + behaviour);
        }
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
