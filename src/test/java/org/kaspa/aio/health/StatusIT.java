package org.kaspa.aio.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** {@code status} on the real engine, cross-checked with the real pg_isready and psql. */
class StatusIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KaspaAio app;

    @BeforeAll
    static void provision() throws IOException {
        app = KaspaAio.installed();
    }

    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
    }

    private static JsonNode statusJson(int expectedExit) throws IOException {
        Proc.Result r = app.run("status", "--json");
        assertEquals(expectedExit, r.exitCode(), r.toString());
        return JSON.readTree(r.stdout());
    }

    private static JsonNode db(JsonNode status, String service) {
        for (JsonNode d : status.path("databases")) {
            if (d.path("service").asText().equals(service)) {
                return d;
            }
        }
        throw new AssertionError("no " + service + " in " + status);
    }

    /**
     * What pg_isready prints in the container, by whose run it is: the engine's health check asks over TCP
     * (DatabaseComponents), the design's {@code docker exec … pg_isready -U … -d …} over the socket.
     */
    private static final Map<String, String> IN_CONTAINER_OUTPUT = Map.of(
            "health check", "127.0.0.1:5432 - accepting connections",
            "docker exec", "/var/run/postgresql:5432 - accepting connections");

    /** The engine's own record of the container's health-check runs ({@code docker inspect}'s State.Health.Log). */
    private static JsonNode healthLog(String container) throws IOException {
        Proc.Result r = Proc.run(List.of("docker", "inspect", "--format", "{{json .State.Health.Log}}", container),
                Map.of("DOCKER_HOST", TestEngine.dockerHost()), Duration.ofSeconds(30));
        assertEquals(0, r.exitCode(), r.toString());
        return JSON.readTree(r.stdout());
    }

    private static boolean lastRunAccepting(JsonNode log) {
        return log.isArray() && !log.isEmpty() && log.get(log.size() - 1).path("ExitCode").asInt(-1) == 0;
    }

    @Test
    void inContainerOpinionIsTheEnginesHealthCheckWhileItRunsElseStatusExecsPgIsReady() throws Exception {
        // the health check runs every 5 s: within 12 s an engine that runs it has a run on record; the one
        // status may take is one that says what the host's probe says (the server accepts: exit 0). A first run
        // from while the server was still starting says 'no response' (CI, 2026-12-07): wait for the next.
        long until = System.nanoTime() + Duration.ofSeconds(12).toNanos();
        JsonNode log = healthLog("k-social-db");
        while (!lastRunAccepting(log) && System.nanoTime() < until) {
            Thread.sleep(500);
            log = healthLog("k-social-db");
        }
        boolean engineRunsChecks = log.isArray() && !log.isEmpty();
        // dockerd always runs them; Podman only where systemd's timers do (not on the test machine)
        assertTrue(engineRunsChecks || TestEngine.onPodman(), "dockerd keeps no health-check run: " + log);
        assertTrue(!engineRunsChecks || lastRunAccepting(log), "the engine's runs do not say accepting: " + log);
        JsonNode k = db(statusJson(0), "k-indexer");
        JsonNode in = k.path("inContainer");
        String expectedSource = engineRunsChecks ? "health check" : "docker exec";
        assertEquals(expectedSource, in.path("source").asText(), in.toString());
        assertEquals(0, k.path("exitCode").asInt(), k.toString());
        assertEquals(0, in.path("exitCode").asInt());
        assertEquals(IN_CONTAINER_OUTPUT.get(expectedSource), in.path("output").asText());
        if (engineRunsChecks) {
            // the run status reports is one the engine recorded, and a recent one
            JsonNode after = healthLog("k-social-db");
            assertTrue(after.findValuesAsText("Output").contains(in.path("output").asText() + "\n"), after.toString());
            assertTrue(in.path("ageSeconds").asLong() <= 15, in.toString());
        } else {
            // the design's own command, run here, is the oracle for the exec
            Proc.Result real = Proc.run(List.of("docker", "exec", "k-social-db", "pg_isready", "-U", "k_social_user", "-d", "ksocial"),
                    Map.of("DOCKER_HOST", TestEngine.dockerHost()), Duration.ofSeconds(30));
            assertEquals(in.path("exitCode").asInt(), real.exitCode());
            assertEquals(real.stdout().strip(), in.path("output").asText());
        }
        // text form names whose run it is
        String text = app.ok("status").stdout();
        assertTrue(text.contains("in container: " + IN_CONTAINER_OUTPUT.get(expectedSource)
                + (engineRunsChecks ? " (the engine's health check, " : " (docker exec)")), text);
    }

    private static void psql(int port, String user, String db, String password, String sql) {
        Proc.Result r = Proc.run(List.of("psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", user, "-d", db,
                "-v", "ON_ERROR_STOP=1", "-c", sql), Map.of("PGPASSWORD", password), Duration.ofSeconds(30));
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void allAcceptingWithSecondOpinionAndEmptySchemas() throws IOException {
        JsonNode s = statusJson(0);
        assertTrue(s.path("allAccepting").asBoolean());
        JsonNode k = db(s, "k-indexer");
        assertEquals("accepting connections", k.path("verdict").asText());
        assertEquals(0, k.path("exitCode").asInt());
        assertEquals(5433, k.path("port").asInt());
        assertEquals("running", k.path("containerState").asText());
        assertEquals(0, k.at("/inContainer/exitCode").asInt());
        assertEquals(IN_CONTAINER_OUTPUT.get(k.at("/inContainer/source").asText()), k.at("/inContainer/output").asText(), k.toString());
        assertEquals(8, k.at("/schema/expected").asInt());
        assertEquals(7, db(s, "simply-kaspa-indexer").at("/schema/expected").asInt());
        assertTrue(k.at("/extensions/timescaledb").isNull(), "the stand-in has no TimescaleDB");
        assertEquals("kasia-indexer-data", s.at("/storage/0/volume").asText());
        assertTrue(s.at("/storage/0/present").asBoolean());
        // text form
        Proc.Result text = app.ok("status");
        assertTrue(text.stdout().contains("k-social-db (k-indexer): accepting connections on 127.0.0.1:5433"), text.stdout());
    }

    @Test
    void schemaCountsFollowTablesFromTheExpectedList() throws IOException {
        String before = db(statusJson(0), "simply-kaspa-indexer").at("/schema/present").asText();
        psql(5434, "simply_kaspa_user", "simply_kaspa", app.password("simply-kaspa-indexer"),
                "create table blocks (hash bytea primary key); create table not_expected (x int); create table vars (key text)");
        try {
            JsonNode d = db(statusJson(0), "simply-kaspa-indexer");
            assertEquals("0", before);
            assertEquals(2, d.at("/schema/present").asInt(), d.toString());
            List<String> missing = JSON.convertValue(d.at("/schema/missing"), List.class);
            assertFalse(missing.contains("blocks"));
            assertFalse(missing.contains("vars"));
            assertTrue(missing.contains("transactions"));
        } finally {
            psql(5434, "simply_kaspa_user", "simply_kaspa", app.password("simply-kaspa-indexer"),
                    "drop table blocks; drop table not_expected; drop table vars");
        }
    }

    @Test
    void oneStoppedDatabaseMakesStatusFailAndSaysWhich() throws IOException {
        TestEngine.dockerOk("stop", "k-social-db");
        try {
            Proc.Result r = app.run("status");
            assertEquals(1, r.exitCode(), r.toString());
            assertEquals("kaspa-aio: not accepting connections: k-social-db (no response)", r.stderr().trim());
            JsonNode s = statusJson(1);
            assertFalse(s.path("allAccepting").asBoolean());
            JsonNode k = db(s, "k-indexer");
            assertEquals("no response", k.path("verdict").asText());
            assertEquals("exited", k.path("containerState").asText());
            assertEquals("accepting connections", db(s, "simply-kaspa-indexer").path("verdict").asText());
            // the verdict agrees with the real pg_isready on the same target
            assertEquals(Proc.run("pg_isready", "-h", "127.0.0.1", "-p", "5433").exitCode(), k.path("exitCode").asInt());
            assertEquals(Proc.run("pg_isready", "-h", "127.0.0.1", "-p", "5434").exitCode(), db(s, "simply-kaspa-indexer").path("exitCode").asInt());
        } finally {
            TestEngine.dockerOk("start", "k-social-db");
            app.ok("apply");
        }
    }
}
