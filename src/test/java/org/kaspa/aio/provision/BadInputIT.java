package org.kaspa.aio.provision;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every bad input gets a one-line error naming the field and the rule, a non-zero exit, and leaves the
 * engine exactly as it was: no container, volume or network is created.
 */
class BadInputIT {
    /** Nothing of ours left running: the next class, or the Podman run after this one, finds the ports free. */
    @org.junit.jupiter.api.AfterAll
    static void leaveTheEngineEmpty() {
        org.kaspa.aio.testsupport.TestEngine.reset();
    }

    private KaspaAio app;

    @BeforeEach
    void freshHomeAndEmptyEngine() throws IOException {
        app = KaspaAio.fresh();
    }

    private static ObjectNode db(ObjectNode profile, String service) {
        return (ObjectNode) profile.path("services").path(service).path("database");
    }

    static Stream<Arguments> badProfiles() {
        return Stream.of(
                Arguments.of("port below 1024", (Consumer<ObjectNode>) p -> db(p, "k-indexer").put("port", 80),
                        "services.k-indexer.database.port: must be between 1024 and 65535 (got 80)"),
                Arguments.of("port above 65535", (Consumer<ObjectNode>) p -> db(p, "simply-kaspa-indexer").put("port", 70000),
                        "services.simply-kaspa-indexer.database.port: must be between 1024 and 65535 (got 70000)"),
                Arguments.of("port not a number", (Consumer<ObjectNode>) p -> db(p, "k-indexer").put("port", "5433"),
                        "services.k-indexer.database.port: must be a whole number"),
                Arguments.of("duplicate ports", (Consumer<ObjectNode>) p -> db(p, "simply-kaspa-indexer").put("port", 5433),
                        "services.simply-kaspa-indexer.database.port: port 5433 is already used by services.k-indexer.database.port"),
                Arguments.of("unknown key", (Consumer<ObjectNode>) p -> db(p, "k-indexer").put("passwrd", "x"),
                        "services.k-indexer.database.passwrd: unknown key"),
                Arguments.of("unknown top-level key", (Consumer<ObjectNode>) p -> p.put("verbose", true),
                        "verbose: unknown key"),
                Arguments.of("unknown service", (Consumer<ObjectNode>) p -> ((ObjectNode) p.path("services")).putObject("kaspad"),
                        "services.kaspad: unknown service"),
                Arguments.of("database name PostgreSQL would reject", (Consumer<ObjectNode>) p -> db(p, "k-indexer").put("name", "k-social"),
                        "services.k-indexer.database.name: database name must be a PostgreSQL identifier"),
                Arguments.of("user name PostgreSQL reserves", (Consumer<ObjectNode>) p -> db(p, "k-indexer").put("user", "pg_admin"),
                        "services.k-indexer.database.user: 'pg_admin' is reserved by PostgreSQL"),
                Arguments.of("user name with a quote", (Consumer<ObjectNode>) p -> db(p, "simply-kaspa-indexer").put("user", "bob\"; drop"),
                        "services.simply-kaspa-indexer.database.user: user name must be a PostgreSQL identifier"),
                Arguments.of("bind address not an IP", (Consumer<ObjectNode>) p -> p.put("bindAddress", "localhost"),
                        "bindAddress: must be an IP address"),
                Arguments.of("container name docker rejects", (Consumer<ObjectNode>) p -> db(p, "k-indexer").put("container", "k social"),
                        "services.k-indexer.database.container: container name must start with a letter or digit"),
                Arguments.of("bad image reference", (Consumer<ObjectNode>) p -> db(p, "k-indexer").put("image", "Timescale DB"),
                        "services.k-indexer.database.image: must be a Docker image reference"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProfiles")
    void badProfileIsRejectedAndNothingIsCreated(String what, Consumer<ObjectNode> edit, String expected) {
        app.editProfile(edit::accept);
        for (String command : new String[]{"plan", "apply"}) {
            Proc.Result r = app.run(command);
            assertEquals(1, r.exitCode(), r.toString());
            assertEquals(1, r.stderr().lines().count(), "one line: " + r.stderr());
            assertTrue(r.stderr().startsWith("kaspa-aio: profile.json: " + expected), r.stderr());
        }
        assertTrue(TestEngine.nothingOfOurs(), "nothing created");
    }

    @Test
    void malformedJsonNamesThePosition() throws IOException {
        Files.writeString(app.home().resolve("profile.json"), "{ \"schemaVersion\": 1,\n  \"bindAddress\": \"127.0.0.1\" \n  \"services\": {} }");
        Proc.Result r = app.run("apply");
        assertEquals(1, r.exitCode());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("kaspa-aio: profile.json: malformed JSON at line 3, column"), r.stderr());
        assertTrue(TestEngine.nothingOfOurs());
    }

    @Test
    void badSecretsAreRejectedWithoutEchoingThem() throws IOException {
        Files.writeString(app.home().resolve("secrets.json"),
                "{ \"k-indexer\": { \"password\": \"p@ss:word/with$stuff\\n\" }, \"simply-kaspa-indexer\": { \"password\": \"abcdefghijklmnop\" } }");
        Proc.Result r = app.run("apply");
        assertEquals(1, r.exitCode());
        assertEquals("kaspa-aio: secrets.json: k-indexer.password: must not contain control characters such as newlines or tabs", r.stderr().trim());
        assertFalse(r.all().contains("p@ss:word"), "the rejected password is not echoed");
        assertTrue(TestEngine.nothingOfOurs());
    }

    @Test
    void busyPortIsRejectedAndNothingIsCreated() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            app.editProfile(p -> db(p, "simply-kaspa-indexer").put("port", port));
            Proc.Result r = app.run("apply");
            assertEquals(1, r.exitCode(), r.toString());
            assertEquals("kaspa-aio: profile.json: services.simply-kaspa-indexer.database.port: port " + port
                    + " on 127.0.0.1 is already in use on this machine; choose a free port", r.stderr().trim());
        }
        assertTrue(TestEngine.nothingOfOurs());
    }

    @Test
    void unreachableEngineNamesDockerHost() {
        Proc.Result r = app.withEnv("DOCKER_HOST", "unix:///run/kaspa-aio-test/no-such.sock").run("apply");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("kaspa-aio: Docker engine not reachable at unix:///run/kaspa-aio-test/no-such.sock (set DOCKER_HOST"), r.stderr());
    }

    @Test
    void failedPullNamesTheImageAndHowToChangeIt() {
        app.useImage("127.0.0.1:5000/kaspa-aio/no-such-image:1");
        Proc.Result r = app.run("apply");
        assertEquals(1, r.exitCode(), r.toString());
        String last = r.stderr().trim();
        assertEquals(1, last.lines().count(), last);
        assertTrue(last.startsWith("kaspa-aio: could not pull image 127.0.0.1:5000/kaspa-aio/no-such-image:1"), last);
        assertTrue(last.contains("(set services.k-indexer.database.image or services.simply-kaspa-indexer.database.image in profile.json"), last);
        assertTrue(TestEngine.nothingOfOurs(), "a failed pull leaves nothing half-created");
    }
}
