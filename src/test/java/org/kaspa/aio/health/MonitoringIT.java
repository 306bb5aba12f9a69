package org.kaspa.aio.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kaspa.aio.provision.AlertRules;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.kaspa.aio.testsupport.TestEngine.dockerOk;

/**
 * The monitoring stack on the real engine with the exporter and Prometheus stand-ins: every exporter is a
 * healthy Prometheus target, every alert's signal has a value per database after a pgbench load, stopping a
 * database fires the database-down alert within its window and status names it, and no monitoring
 * container shows a password. Prometheus's own HTTP API is the oracle.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KaspaAio app;
    private static PrometheusApi prometheus;

    @BeforeAll
    static void install() throws Exception {
        app = KaspaAio.fresh().withMonitoring(true);
        Proc.Result apply = app.ok("apply");
        assertTrue(apply.stdout().contains("kaspa-aio-prometheus: waiting until it answers /-/ready on 127.0.0.1:9090"), apply.stdout());
        prometheus = new PrometheusApi(Endpoint.direct("127.0.0.1", 9090));
    }

    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
    }

    private static void waitUntil(Duration limit, String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.call()) {
            assertTrue(System.nanoTime() < deadline, what + " not within " + limit);
            Thread.sleep(500);
        }
    }

    @Test
    @Order(1)
    void everyExporterIsAHealthyTarget() throws Exception {
        waitUntil(Duration.ofSeconds(60), "both exporters up", () -> prometheus.targets().stream()
                .filter(t -> t.health().equals("up")).count() == 2);
        List<PrometheusApi.Target> targets = prometheus.targets();
        assertEquals(List.of("k-social-db", "simply-kaspa-db"), targets.stream().map(t -> t.labels().get("database")).sorted().toList());
        waitUntil(Duration.ofSeconds(60), "pg_up 1 for both", () -> prometheus.query("pg_up == 1").size() == 2);
    }

    @Test
    @Order(2)
    void everyAlertSignalHasAValuePerDatabaseAfterALoad() throws Exception {
        String pw = app.password("k-indexer");
        Proc.Result init = Proc.run(List.of("pgbench", "-h", "127.0.0.1", "-p", "5433", "-U", "k_social_user", "-i", "-s", "2", "-q", "ksocial"),
                Map.of("PGPASSWORD", pw), Duration.ofMinutes(2));
        assertEquals(0, init.exitCode(), init.toString());
        Proc.Result load = Proc.run(List.of("pgbench", "-h", "127.0.0.1", "-p", "5433", "-U", "k_social_user", "-c", "4", "-T", "15", "ksocial"),
                Map.of("PGPASSWORD", pw), Duration.ofMinutes(2));
        assertEquals(0, load.exitCode(), load.toString());
        for (AlertRules.Rule r : AlertRules.RULES) {
            waitUntil(Duration.ofSeconds(30), r.name() + "'s signal for both databases", () -> prometheus.query(r.signal()).size() == 2);
            assertTrue(prometheus.query(r.expr()).isEmpty(), r.name() + " does not fire on a healthy stack");
        }
        assertTrue(prometheus.alerts().stream().noneMatch(a -> a.state().equals("firing")), prometheus.alerts().toString());
        // what Grafana's panels would show: every query of every dashboard has data for each database
        for (var db : List.of(new String[]{"k-social-db", "ksocial"}, new String[]{"simply-kaspa-db", "simply_kaspa"})) {
            for (var panel : org.kaspa.aio.provision.DashboardPanels.PANELS) {
                for (var q : panel.queries()) {
                    String promql = q.forDatabase(db[0], db[1]);
                    waitUntil(Duration.ofSeconds(30), panel.title() + " / " + q.legend() + " for " + db[0] + ": " + promql,
                            () -> !prometheus.query(promql).isEmpty());
                }
            }
        }
        JsonNode status = JSON.readTree(app.ok("status", "--json").stdout()).path("monitoring");
        assertEquals("ready", status.path("verdict").asText(), status.toString());
        assertEquals(0, status.path("firing").size());
    }

    @Test
    @Order(3)
    void noMonitoringContainerShowsAPassword() throws Exception {
        JsonNode secrets = JSON.readTree(app.home().resolve("secrets.json").toFile());
        for (String c : List.of("k-social-db-exporter", "simply-kaspa-db-exporter", "kaspa-aio-prometheus")) {
            String inspect = dockerOk("inspect", c);
            for (JsonNode entry : secrets) {
                entry.fields().forEachRemaining(f -> {
                    if (f.getKey().toLowerCase().contains("password")) {
                        assertFalse(inspect.contains(f.getValue().asText()), "docker inspect " + c + " shows " + f.getKey());
                    }
                });
            }
        }
        assertEquals("t|f", dockerOk("exec", "k-social-db", "psql", "-U", "k_social_user", "-d", "ksocial", "-XtAc",
                "select pg_has_role('kaspa_aio_monitor', 'pg_monitor', 'member')::text::char || '|' || rolsuper::text::char "
                        + "from pg_roles where rolname = 'kaspa_aio_monitor'").strip(), "the exporter's role: pg_monitor, no superuser");
    }

    @Test
    @Order(4)
    void aStoppedDatabaseFiresTheDownAlertAndStatusShowsIt() throws Exception {
        dockerOk("stop", "simply-kaspa-db");
        long t0 = System.nanoTime();
        waitUntil(Duration.ofSeconds(90), AlertRules.DATABASE_DOWN + " firing for simply-kaspa-db", () -> prometheus.alerts().stream()
                .anyMatch(a -> a.name().equals(AlertRules.DATABASE_DOWN) && a.state().equals("firing")
                        && "simply-kaspa-db".equals(a.labels().get("database"))));
        System.out.println("[monitoring] database-down alert firing " + (System.nanoTime() - t0) / 1_000_000 + " ms after the stop");
        Proc.Result status = app.run("status");
        assertNotEquals(0, status.exitCode());
        assertTrue(status.stdout().contains("ALERT " + AlertRules.DATABASE_DOWN + " (critical): simply-kaspa-db is down"), status.stdout());
        app.ok("apply");
        waitUntil(Duration.ofSeconds(60), "the alert resolved", () -> prometheus.alerts().stream()
                .noneMatch(a -> a.name().equals(AlertRules.DATABASE_DOWN)));
    }

    @Test
    @Order(5)
    void turningMonitoringOffRemovesItsContainersAndKeepsItsData() {
        app.editProfile(p -> ((ObjectNode) p.get("monitoring")).put("enabled", false));
        app.ok("apply");
        for (String c : List.of("k-social-db-exporter", "simply-kaspa-db-exporter", "kaspa-aio-prometheus")) {
            assertFalse(TestEngine.containerExists(c), c);
        }
        assertTrue(TestEngine.volumeExists("kaspa-aio-prometheus-data"), "its history is kept");
        assertEquals(0, app.run("status").exitCode());
    }
}
