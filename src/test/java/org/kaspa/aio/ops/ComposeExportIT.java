package org.kaspa.aio.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.Rows;
import org.kaspa.aio.testsupport.TestEngine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The exported compose stack, judged by the real docker-compose (Debian's) on the real engine: it is
 * rendered from the same specs as apply, carries no password anywhere docker can show, and apply adopts it.
 */
class ComposeExportIT {
    /** Each needs quoting somewhere: ', \, $, " and a space (and @ : / for URLs). */
    private static final String K_PASSWORD = "a b\"c\\d$e'f-12";
    private static final String SK_PASSWORD = "q'u\"o$te@s:/ and \\ back-1";
    private static KaspaAio app;
    private static Path out;

    @BeforeAll
    static void installAndExport() throws Exception {
        app = KaspaAio.installed();
        assertEquals(0, app.runWithInput(K_PASSWORD + "\n", "rotate-password", "k-indexer", "--password-stdin").exitCode());
        assertEquals(0, app.runWithInput(SK_PASSWORD + "\n", "rotate-password", "simply-kaspa-indexer", "--password-stdin").exitCode());
        // the monitoring stack and both poolers (stand-ins): the export carries them with their files
        app.withMonitoring(true).withPoolers(true);
        // one read replica of the K database: the export carries it and its seeding
        app.editProfile(p -> ((com.fasterxml.jackson.databind.node.ObjectNode) p.at("/services/k-indexer/database/replicas")).put("count", 1));
        app.ok("apply");
        out = Files.createTempDirectory("kaspa-aio-export");
        app.ok("export", "--out", out.toString());
    }

    @AfterAll
    static void cleanUp() {
        compose("down", "-v");
        TestEngine.reset();
    }

    private static Proc.Result compose(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("docker-compose", "--project-directory", out.toString(),
                "-f", out.resolve("docker-compose.yml").toString(), "-p", "kaspa-aio-export"));
        cmd.addAll(List.of(args));
        return Proc.run(cmd, Map.of("DOCKER_HOST", TestEngine.dockerHost()), Duration.ofMinutes(3));
    }

    private static boolean waitForPoolerUp(org.kaspa.aio.health.PrometheusApi prometheus) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (prometheus.query("pgbouncer_up == 1").size() != 2) {
            assertTrue(System.nanoTime() < deadline, "both pooler exporters read their pooler under compose");
            Thread.sleep(500);
        }
        return true;
    }

    @Test
    void exportedStackComesUpUnderDockerComposeWithNoPasswordInSightAndApplyAdoptsIt() throws Exception {
        assertEquals(K_PASSWORD, app.password("k-indexer"));
        assertEquals(SK_PASSWORD, app.password("simply-kaspa-indexer"));
        assertFalse(Files.exists(out.resolve(".env")), "no password file for variable substitution any more");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("secrets"))));
        assertEquals(K_PASSWORD, Files.readString(out.resolve("secrets/k-social-db-postgres-password")));
        assertTrue(Files.exists(out.resolve("files/k-social-db/docker-entrypoint-initdb.d/001-kaspa-aio-database.sql")));
        assertTrue(Files.exists(out.resolve("files/simply-kaspa-db/docker-entrypoint-initdb.d/001-kaspa-aio-database.sql")));
        String yml = Files.readString(out.resolve("docker-compose.yml"));
        for (String pw : List.of(K_PASSWORD, SK_PASSWORD)) {
            assertFalse(yml.contains(pw), "no password in the compose file");
        }
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(yml);
        JsonNode k = doc.at("/services/k-social-db");
        assertEquals("/run/secrets/kaspa-aio/postgres-password", k.at("/environment/POSTGRES_PASSWORD_FILE").asText());
        assertTrue(k.at("/environment/POSTGRES_PASSWORD").isMissingNode());
        assertEquals("SIGINT", k.path("stop_signal").asText());
        assertEquals("127.0.0.1:5433:5432", k.at("/ports/0").asText());
        assertEquals("pg_isready", k.at("/healthcheck/test/1").asText());
        assertEquals("k-indexer", k.at("/labels/kaspa-aio.service").asText());
        assertEquals("compose-export", k.at("/labels/kaspa-aio.origin").asText());
        assertTrue(k.at("/labels/kaspa-aio.config-hash").isMissingNode(), "apply must see exported containers as changed");
        // the same limits and settings as apply gives
        JsonNode resources = new ObjectMapper().readTree(Files.readString(app.home().resolve("profile.json")))
                .at("/services/k-indexer/database/resources");
        assertEquals(resources.path("memoryMb").asInt() + "m", k.path("mem_limit").asText());
        assertEquals(resources.path("memoryMb").asInt() / 2 + "m", k.path("shm_size").asText());
        assertEquals(resources.path("cpus").asDouble(), k.path("cpus").asDouble());
        assertEquals("config_file=/etc/kaspa-aio/postgresql.conf", k.at("/command/2").asText());
        assertTrue(Files.readString(out.resolve("files/k-social-db/etc/kaspa-aio/postgresql.conf")).contains("max_wal_size = '1GB'"));

        JsonNode seed = doc.at("/services/k-social-db-replica-1-seed");
        assertEquals("bash", seed.at("/entrypoint/0").asText(), seed.toString());
        assertEquals("no", seed.path("restart").asText());
        assertEquals("service_healthy", seed.at("/depends_on/k-social-db/condition").asText());
        JsonNode replica = doc.at("/services/k-social-db-replica-1");
        assertEquals("service_completed_successfully", replica.at("/depends_on/k-social-db-replica-1-seed/condition").asText(), replica.toString());
        assertEquals("127.0.0.1:5443:5432", replica.at("/ports/0").asText());
        String replication = new ObjectMapper().readTree(app.home().resolve("secrets.json").toFile()).at("/k-indexer/replicationPassword").asText();
        assertFalse(yml.contains(replication), "no replication password in the compose file");

        Proc.Result config = compose("config");
        assertEquals(0, config.exitCode(), config.toString());
        assertTrue(config.stdout().contains("container_name: k-social-db"), config.stdout());

        // an engine with none of our containers (and fresh volumes, so the images initialise from the secret files)
        app.ok("uninstall", "--delete-data", "--yes");
        assertTrue(TestEngine.nothingOfOurs());
        Proc.Result up = compose("up", "-d");
        assertEquals(0, up.exitCode(), up.toString());

        for (String container : List.of("k-social-db", "simply-kaspa-db")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!TestEngine.dockerOk("inspect", "--format", "{{.State.Health.Status}}", container).equals("healthy")) {
                assertTrue(System.nanoTime() < deadline, container + " never became healthy under its compose health check");
                Thread.sleep(250);
            }
            String inspect = TestEngine.dockerOk("inspect", container);
            for (String pw : List.of(K_PASSWORD, SK_PASSWORD)) {
                assertFalse(inspect.contains(pw), "docker inspect " + container + " shows a password");
            }
        }
        assertEquals("UTC", Rows.psql(5433, "k_social_user", "ksocial", K_PASSWORD, "show timezone").stdout().trim(),
                "the exported init files ran");
        // the replica, seeded by its one-off service from the primary that compose initialised
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!TestEngine.docker("inspect", "--format", "{{.State.Health.Status}}", "k-social-db-replica-1").stdout().strip().equals("healthy")) {
            assertTrue(System.nanoTime() < deadline, "the replica never became healthy under compose: "
                    + TestEngine.docker("logs", "k-social-db-replica-1-seed").stdout());
            Thread.sleep(250);
        }
        assertEquals("t", Rows.psql(5443, "k_social_user", "ksocial", K_PASSWORD, "select pg_is_in_recovery()").stdout().trim());
        assertFalse(TestEngine.dockerOk("inspect", "k-social-db-replica-1").contains(replication));
        assertEquals(String.valueOf(resources.path("memoryMb").asLong() << 20),
                TestEngine.dockerOk("inspect", "--format", "{{.HostConfig.Memory}}", "k-social-db").trim());
        assertEquals("4GB", Rows.psql(5434, "simply_kaspa_user", "simply_kaspa", SK_PASSWORD, "show max_wal_size").stdout().trim(),
                "the exported settings are the server's");
        Proc.Result login = Rows.psql(5434, "simply_kaspa_user", "simply_kaspa", SK_PASSWORD, "select current_user");
        assertEquals(0, login.exitCode(), login.toString());
        assertEquals("simply_kaspa_user", login.stdout().trim());
        assertEquals(0, Rows.psql(5433, "k_social_user", "ksocial", K_PASSWORD,
                "create table from_compose(n int); insert into from_compose values (42)").exitCode());

        // the monitoring stack under compose: every exporter is a healthy target of the exported Prometheus
        // (the pooler exporter's owner-only password file is readable because it runs as its owner)
        var prometheus = new org.kaspa.aio.health.PrometheusApi(org.kaspa.aio.health.Endpoint.direct("127.0.0.1", 9090));
        long targetsDeadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            List<String> healthy;
            try {
                healthy = prometheus.targets().stream().filter(t -> t.health().equals("up")).map(t -> t.labels().get("instance")).sorted().toList();
            } catch (java.io.IOException notYet) {
                healthy = List.of();
            }
            if (healthy.size() == 5) {
                break;
            }
            assertTrue(System.nanoTime() < targetsDeadline, "targets up under compose: " + healthy + " "
                    + TestEngine.docker("logs", "k-social-db-pooler-exporter").stdout());
            Thread.sleep(500);
        }
        assertTrue(prometheus.query("pgbouncer_up == 1").size() == 2 || waitForPoolerUp(prometheus));
        assertEquals("600", TestEngine.dockerOk("exec", "k-social-db-pooler-exporter", "stat", "-c", "%a",
                "/run/secrets/kaspa-aio/pgpass").strip());

        // back to the installer: apply adopts the exported stack on the same volumes
        Proc.Result adopt = app.ok("apply");
        assertTrue(adopt.stdout().contains("adopting the container of an exported compose stack"), adopt.stdout());
        assertEquals("", TestEngine.dockerOk("inspect", "--format", "{{index .Config.Labels \"kaspa-aio.origin\"}}", "k-social-db")
                .replace("<no value>", ""));
        assertEquals("42", Rows.psql(5433, "k_social_user", "ksocial", K_PASSWORD, "select n from from_compose").stdout().trim(),
                "the data written under compose is kept");
        Proc.Result plan = app.ok("plan");
        assertTrue(plan.stdout().contains("no changes"), plan.stdout());
        Proc.Result status = app.run("status");
        assertEquals(0, status.exitCode(), "the adopted replica streams: " + status);
        assertEquals("42", Rows.psql(5443, "k_social_user", "ksocial", K_PASSWORD, "select n from from_compose").stdout().trim(),
                "and holds what was written under compose");
    }
}
