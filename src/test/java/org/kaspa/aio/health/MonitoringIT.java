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
import org.kaspa.aio.activity.ActivityMetric;
import org.kaspa.aio.activity.StatisticsActivity;
import org.kaspa.aio.provision.AlertRules;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.kaspa.aio.testsupport.TestEngine.dockerOk;

/**
 * The monitoring stack on the real engine with the exporter and Prometheus stand-ins, both databases pooled
 * and one with a read replica: every exporter (database and pooler) is a healthy Prometheus target, every
 * alert's signal and every dashboard query has a value per database after a pgbench load, stopping a
 * database and a pooler fires their alerts within the rules' window and status names them, a failed or
 * overdue base backup makes its alert true for that database alone, and no monitoring container shows a
 * password. Prometheus's own HTTP API is the oracle.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KaspaAio app;
    private static PrometheusApi prometheus;
    private static org.kaspa.aio.testsupport.SmallDisk smallDisk;

    @BeforeAll
    static void install() throws Exception {
        app = KaspaAio.fresh().withMonitoring(true).withPoolers(true).withBackups(true);
        app.editProfile(p -> ((ObjectNode) p.at("/services/simply-kaspa-indexer/database/replicas")).put("count", 1));
        // once a year: the agents' first base backups are the ones these tests see
        app.editProfile(p -> p.path("services").forEach(s -> {
            if (s.has("database")) {
                ((ObjectNode) s.get("database").get("backups")).put("schedule", "0 0 1 1 *");
            }
        }));
        // the chain database on a small disk of its own (320 MB), so that its filling can be real. Its sizing keeps up to
        // min_wal_size (1 GB) of WAL recycled rather than removed, and archiving switches segments often: on a disk this
        // small a person lowers those, as here (else pg_wal alone fills it within minutes)
        app.editProfile(p -> ((ObjectNode) p.at("/services/simply-kaspa-indexer/database")).putObject("settings")
                .put("min_wal_size", "32MB").put("max_wal_size", "64MB"));
        smallDisk = org.kaspa.aio.testsupport.SmallDisk.volume("simply-kaspa-db-data", 320, "kaspa-aio.service=simply-kaspa-indexer",
                "kaspa-aio.role=database", "kaspa-aio.postgres-database=simply_kaspa", "kaspa-aio.postgres-user=simply_kaspa_user");
        Proc.Result apply = app.ok("apply");
        assertTrue(apply.stdout().contains("kaspa-aio-prometheus: waiting until it answers /-/ready on 127.0.0.1:9090"), apply.stdout());
        prometheus = new PrometheusApi(Endpoint.direct("127.0.0.1", 9090));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        TestEngine.reset();
        if (smallDisk != null) {
            smallDisk.close();
        }
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
        waitUntil(Duration.ofSeconds(60), "five exporters up", () -> prometheus.targets().stream()
                .filter(t -> t.health().equals("up")).count() == 5);
        List<PrometheusApi.Target> targets = prometheus.targets();
        assertEquals(List.of("pgbouncer k-social-db", "pgbouncer simply-kaspa-db", "postgres k-social-db", "postgres simply-kaspa-db",
                        "volumes kaspa-aio-volume-exporter:9100"),
                targets.stream().map(t -> t.labels().get("job") + " " + t.labels().getOrDefault("database", t.labels().get("instance"))).sorted().toList());
        // the volume exporter reports the disk under each database's volume, named after the database
        waitUntil(Duration.ofSeconds(60), "free space under both volumes", () -> prometheus.query(
                "node_filesystem_avail_bytes{job=\"volumes\"} > 0").size() == 2);
        waitUntil(Duration.ofSeconds(60), "pg_up 1 for both", () -> prometheus.query("pg_up == 1").size() == 2);
        waitUntil(Duration.ofSeconds(60), "pgbouncer_up 1 for both", () -> prometheus.query("pgbouncer_up == 1").size() == 2);
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
        var profile = app.loadProfile();
        for (var db : profile.enabledDatabases().values()) {
            var panels = org.kaspa.aio.provision.DashboardPanels.of(db);
            if (db.replicaCount() > 0) {
                assertEquals(org.kaspa.aio.provision.DashboardPanels.PANELS.size(), panels.size(), "every panel is on a dashboard");
            }
            for (var panel : panels) {
                for (var q : panel.queries()) {
                    String promql = q.forDatabase(db.container(), db.name());
                    waitUntil(Duration.ofSeconds(30), panel.title() + " / " + q.legend() + " for " + db.container() + ": " + promql,
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
    void theChartsReadTheLoadFromPrometheusAndTheStatisticsViewsAgreeWithPsql() throws Exception {
        var installation = org.kaspa.aio.app.Installation.open(new org.kaspa.aio.profile.KaspaAioHome(app.home()), TestEngine.dockerHost());
        var profile = app.loadProfile();
        var reading = installation.activityFeed(profile).read(Duration.ofMinutes(15));
        assertEquals("Prometheus", reading.source());
        var ksocial = reading.byDatabase().get("k-social-db");
        assertTrue(ksocial.get(ActivityMetric.TRANSACTIONS).stream().anyMatch(p -> p[1] > 10),
                "the pgbench load shows as transactions per second: " + ksocial.get(ActivityMetric.TRANSACTIONS).stream().map(p -> p[1]).toList());
        for (ActivityMetric m : ActivityMetric.values()) {
            assertFalse(ksocial.get(m).isEmpty(), m + " has points");
        }
        // without Prometheus: the databases' own views, sampled; size is what pg_database_size says
        var statistics = new StatisticsActivity(org.kaspa.aio.engine.DockerEngine.connect(TestEngine.dockerHost()), 10);
        var db = profile.service("k-indexer").database();
        statistics.read(db, Duration.ofMinutes(15));
        Thread.sleep(1100);
        var figures = statistics.read(db, Duration.ofMinutes(15));
        long size = Long.parseLong(dockerOk("exec", "k-social-db", "psql", "-U", "k_social_user", "-d", "ksocial", "-XtAc",
                "select pg_database_size('ksocial')").strip());
        double sampled = figures.get(ActivityMetric.SIZE).get(1)[1];
        assertEquals(size, sampled, size * 0.01, "size sampled vs psql");
        assertEquals(2, figures.get(ActivityMetric.CONNECTIONS).size());
        assertEquals(1, figures.get(ActivityMetric.TRANSACTIONS).size(), "a rate needs two samples");
        assertTrue(figures.get(ActivityMetric.REPLICATION_LAG).get(1)[1] >= 0);
    }

    @Test
    @Order(4)
    void aDiskNearlyFullUnderADatabaseMakesItsDiskAlertTrueForThatDatabaseOnly() throws Exception {
        AlertRules.Rule filling = rule(AlertRules.DISK_FILLING);
        assertTrue(prometheus.query(filling.expr()).isEmpty(), "not yet");
        // ballast in the data directory until less than 10 % of the small disk is free (PostgreSQL ignores a file it does not know)
        long free = (long) prometheus.query("node_filesystem_avail_bytes{job=\"volumes\",database=\"simply-kaspa-db\"}").get(0).last();
        long size = (long) prometheus.query("node_filesystem_size_bytes{job=\"volumes\",database=\"simply-kaspa-db\"}").get(0).last();
        long ballastMb = (free - size / 20) >> 20;
        dockerOk("exec", "simply-kaspa-db", "sh", "-c", "head -c " + ballastMb + "M /dev/zero > /var/lib/postgresql/data/kaspa-aio-test-ballast");
        try {
            waitUntil(Duration.ofSeconds(40), filling.name() + " true for simply-kaspa-db", () -> prometheus.query(filling.expr()).stream()
                    .map(s -> s.labels().get("database")).toList().equals(List.of("simply-kaspa-db")));
            assertEquals(0, Proc.run("pg_isready", "-h", "127.0.0.1", "-p", "5434").exitCode(), "the database itself still answers");
        } finally {
            dockerOk("exec", "simply-kaspa-db", "rm", "-f", "/var/lib/postgresql/data/kaspa-aio-test-ballast");
        }
        waitUntil(Duration.ofSeconds(40), "free again", () -> prometheus.query(filling.expr()).isEmpty());
    }

    @Test
    @Order(5)
    void noMonitoringContainerShowsAPassword() throws Exception {
        JsonNode secrets = JSON.readTree(app.home().resolve("secrets.json").toFile());
        for (String c : List.of("k-social-db-exporter", "simply-kaspa-db-exporter", "k-social-db-pooler-exporter",
                "simply-kaspa-db-pooler-exporter", "kaspa-aio-prometheus", "kaspa-aio-volume-exporter", "k-social-db-backup")) {
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
    @Order(6)
    void aFailedOrOverdueBaseBackupMakesItsAlertTrueForThatDatabaseOnly() throws Exception {
        AlertRules.Rule failed = rule(AlertRules.BACKUP_FAILED);
        AlertRules.Rule overdue = rule(AlertRules.BACKUP_OVERDUE);
        waitUntil(Duration.ofSeconds(60), "both agents' metrics", () -> prometheus.query("kaspa_aio_backup_last_success_timestamp_seconds > 0").size() == 2);
        assertTrue(prometheus.query(failed.expr()).isEmpty() && prometheus.query(overdue.expr()).isEmpty(), "not yet");
        String agent = "/usr/local/lib/kaspa-aio/backup-agent.sh";
        // a real failure of the agent: its base backup cannot reach the server
        Proc.Result fail = TestEngine.docker("exec", "-e", "KASPA_AIO_DB_HOST=no-such-database", "k-social-db-backup", "bash", agent, "now");
        assertNotEquals(0, fail.exitCode(), fail.toString());
        waitUntil(Duration.ofSeconds(120), AlertRules.BACKUP_FAILED + " firing for k-social-db alone", () -> prometheus.alerts().stream()
                .filter(a -> a.name().equals(AlertRules.BACKUP_FAILED) && a.state().equals("firing")).map(a -> a.labels().get("database")).toList()
                .equals(List.of("k-social-db")));
        Proc.Result status = app.run("status");
        assertNotEquals(0, status.exitCode());
        assertTrue(status.stdout().contains("ALERT " + AlertRules.BACKUP_FAILED + " (warning): the last base backup of k-social-db failed"), status.stdout());
        app.ok("backup", "k-indexer", "--base");
        waitUntil(Duration.ofSeconds(60), "resolved by a base backup that worked", () -> prometheus.query(failed.expr()).isEmpty());

        // overdue: the agent's record says the last success was three years ago (its schedule runs once a year)
        long longAgo = java.time.Instant.now().minus(Duration.ofDays(3 * 366)).getEpochSecond();
        dockerOk("exec", "k-social-db-backup", "sh", "-c", "printf 'last_success=" + longAgo + "\\nlast_failure=" + (longAgo - 60)
                + "\\n' > /backups/status && bash " + agent + " metrics");
        try {
            waitUntil(Duration.ofSeconds(60), overdue.name() + " true for k-social-db alone", () -> prometheus.query(overdue.expr()).stream()
                    .map(x -> x.labels().get("database")).toList().equals(List.of("k-social-db")));
            assertTrue(prometheus.query(failed.expr()).isEmpty(), "overdue is not failed");
            Proc.Result list = app.run("backups", "k-indexer");
            assertEquals(1, list.exitCode(), list.toString());
            assertTrue(list.stdout().contains("more than twice the schedule's interval"), list.stdout());
        } finally {
            app.ok("backup", "k-indexer", "--base");
        }
        waitUntil(Duration.ofSeconds(60), "no longer overdue", () -> prometheus.query(overdue.expr()).isEmpty());
    }

    private static AlertRules.Rule rule(String name) {
        return AlertRules.RULES.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    @Order(7)
    void aStoppedDatabaseOrPoolerFiresItsDownAlertAndStatusShowsIt() throws Exception {
        dockerOk("stop", "simply-kaspa-db", "k-social-db-pooler");
        long t0 = System.nanoTime();
        waitUntil(Duration.ofSeconds(90), AlertRules.DATABASE_DOWN + " firing for simply-kaspa-db", () -> firing(AlertRules.DATABASE_DOWN, "simply-kaspa-db"));
        System.out.println("[monitoring] database-down alert firing " + (System.nanoTime() - t0) / 1_000_000 + " ms after the stop");
        waitUntil(Duration.ofSeconds(90), AlertRules.POOLER_DOWN + " firing for k-social-db", () -> firing(AlertRules.POOLER_DOWN, "k-social-db"));
        System.out.println("[monitoring] pooler-down alert firing " + (System.nanoTime() - t0) / 1_000_000 + " ms after the stop");
        Proc.Result status = app.run("status");
        assertNotEquals(0, status.exitCode());
        assertTrue(status.stdout().contains("ALERT " + AlertRules.DATABASE_DOWN + " (critical): simply-kaspa-db is down"), status.stdout());
        assertTrue(status.stdout().contains("ALERT " + AlertRules.POOLER_DOWN + " (critical): the pooler of k-social-db is down"), status.stdout());
        app.ok("apply");
        waitUntil(Duration.ofSeconds(60), "the alerts resolved", () -> prometheus.alerts().stream()
                .noneMatch(a -> a.name().equals(AlertRules.DATABASE_DOWN) || a.name().equals(AlertRules.POOLER_DOWN)));
    }

    private static boolean firing(String alert, String database) throws Exception {
        return prometheus.alerts().stream().anyMatch(a -> a.name().equals(alert) && a.state().equals("firing")
                && database.equals(a.labels().get("database")));
    }

    @Test
    @Order(8)
    void turningMonitoringOffRemovesItsContainersAndKeepsItsData() {
        app.editProfile(p -> ((ObjectNode) p.get("monitoring")).put("enabled", false));
        app.ok("apply");
        for (String c : List.of("k-social-db-exporter", "simply-kaspa-db-exporter", "k-social-db-pooler-exporter",
                "simply-kaspa-db-pooler-exporter", "kaspa-aio-prometheus")) {
            assertFalse(TestEngine.containerExists(c), c);
        }
        assertTrue(TestEngine.volumeExists("kaspa-aio-prometheus-data"), "its history is kept");
        assertEquals(0, app.run("status").exitCode());
    }
}
