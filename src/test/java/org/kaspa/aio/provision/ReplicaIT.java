package org.kaspa.aio.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.kaspa.aio.testsupport.TestEngine.containerExists;
import static org.kaspa.aio.testsupport.TestEngine.dockerOk;
import static org.kaspa.aio.testsupport.TestEngine.volumeExists;

/**
 * Read replicas on the real engine with real streaming replication between stand-in servers: seeded with
 * pg_basebackup, read-only, converging as the count changes, catching up after a stop, reseeded when their
 * volume or their slot's WAL is gone, and reached through the read-only and multi-host strings by the real
 * psql and pgjdbc. The oracle for rows, slots and streaming is PostgreSQL itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String K = "k-indexer";
    private static final String PRIMARY = "k-social-db";
    private static final String R1 = "k-social-db-replica-1";
    private static final String R2 = "k-social-db-replica-2";
    /** How long a committed row may take to be visible on every replica (measured: well under a second). */
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);
    private static KaspaAio app;

    @BeforeAll
    static void install() throws Exception {
        app = KaspaAio.fresh().withPoolers(true);
        app.editProfile(p -> {
            ((ObjectNode) p.path("services").path("simply-kaspa-indexer")).put("enabled", false);
            ((ObjectNode) p.at("/services/simply-kaspa-indexer/database/pooler")).put("enabled", false);
            replicas(p, 2);
        });
        Proc.Result apply = app.ok("apply");
        assertTrue(apply.stdout().contains(R1 + ": copying " + PRIMARY + " (pg_basebackup)"), apply.stdout());
        assertTrue(apply.stdout().contains(R1 + ": seeded from " + PRIMARY), apply.stdout());
        assertTrue(apply.stdout().contains(R2 + ": waiting until it accepts connections on 127.0.0.1:5453"), apply.stdout());
        psqlOk(5433, "create table t(id int primary key, note text); insert into t values (1, 'before')");
    }

    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
    }

    private static void replicas(ObjectNode p, int count) {
        ObjectNode r = (ObjectNode) p.path("services").path(K).path("database").path("replicas");
        r.put("count", count);
        r.putArray("ports").add(5443).add(5453);
    }

    static Proc.Result psql(int port, String sql) {
        return Proc.run(List.of("psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "k_social_user", "-d", "ksocial", "-XtAc", sql),
                Map.of("PGPASSWORD", app.password(K), "PGCONNECT_TIMEOUT", "10"), Duration.ofSeconds(60));
    }

    static String psqlOk(int port, String sql) {
        Proc.Result r = psql(port, sql);
        assertEquals(0, r.exitCode(), sql + " on " + port + ": " + r);
        return r.stdout().strip();
    }

    /** psql inside the primary, as the server sees itself. */
    static String onPrimary(String sql) {
        return dockerOk("exec", PRIMARY, "psql", "-U", "k_social_user", "-d", "ksocial", "-XtAc", sql).strip();
    }

    /** Milliseconds until the query prints the expected value on the port; fails after {@link #VISIBLE_WITHIN}. */
    static long waitFor(int port, String sql, String expected) throws InterruptedException {
        long t0 = System.nanoTime();
        while (true) {
            Proc.Result r = psql(port, sql);
            if (r.exitCode() == 0 && r.stdout().strip().equals(expected)) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            if (System.nanoTime() - t0 > VISIBLE_WITHIN.toNanos()) {
                fail("port " + port + " did not show '" + expected + "' for " + sql + " within " + VISIBLE_WITHIN + ": " + r);
            }
            Thread.sleep(20);
        }
    }

    @Test
    @Order(1)
    void aRowInsertedOnThePrimaryIsReadOnEveryReplica() throws Exception {
        psqlOk(5433, "insert into t values (2, 'streamed')");
        for (int port : List.of(5443, 5453)) {
            long ms = waitFor(port, "select note from t where id = 2", "streamed");
            System.out.println("[replica] row visible on port " + port + " after " + ms + " ms");
            assertEquals("t", psqlOk(port, "select pg_is_in_recovery()"));
        }
        String slots = onPrimary("select string_agg(slot_name || ':' || active, ',' order by slot_name) from pg_replication_slots");
        assertEquals("kaspa_aio_replica_1:true,kaspa_aio_replica_2:true", slots);
        String senders = onPrimary("select string_agg(application_name || ':' || state, ',' order by application_name) from pg_stat_replication");
        assertEquals(R1 + ":streaming," + R2 + ":streaming", senders);
        assertEquals("2GB", onPrimary("show max_slot_wal_keep_size"));
    }

    @Test
    @Order(2)
    void aWriteThroughAReplicaFailsWithTheReadOnlyError() {
        Proc.Result r = psql(5443, "insert into t values (3, 'refused')");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("cannot execute INSERT in a read-only transaction"), r.stderr());
        assertEquals("0", psqlOk(5433, "select count(*) from t where id = 3"));
    }

    @Test
    @Order(3)
    void theReplicationPasswordIsNeitherInInspectNorInTheEnvironmentNorPrinted() throws Exception {
        String secret = JSON.readTree(app.home().resolve("secrets.json").toFile()).path(K).path("replicationPassword").asText();
        assertTrue(secret.length() >= 16, "a generated replication password is stored");
        for (String c : List.of(PRIMARY, R1, R2)) {
            assertFalse(dockerOk("inspect", c).contains(secret), "docker inspect " + c + " shows the replication password");
        }
        String verifier = onPrimary("select rolpassword from pg_authid where rolname = 'kaspa_aio_replication'");
        assertTrue(verifier.startsWith("SCRAM-SHA-256$4096:"), "the role holds a verifier: " + verifier);
        assertEquals("true|false", onPrimary("select rolreplication || '|' || rolsuper from pg_roles where rolname = 'kaspa_aio_replication'"));
        Proc.Result status = app.ok("status");
        assertFalse(status.stdout().contains(secret) || status.stderr().contains(secret));
        Proc.Result revealed = app.ok("connection", K, "--reveal");
        assertFalse(revealed.stdout().contains(secret), "connection --reveal shows the owner's password, never the replication one");
    }

    @Test
    @Order(4)
    void statusShowsEachReplicaStreamingWithItsLag() throws Exception {
        JsonNode db = JSON.readTree(app.ok("status", "--json").stdout()).path("databases").get(0);
        JsonNode replicas = db.path("replicas");
        assertEquals(2, replicas.size(), db.toString());
        for (JsonNode r : replicas) {
            assertEquals("accepting connections", r.path("verdict").asText(), r.toString());
            assertEquals("streaming", r.path("streaming").asText(), r.toString());
            assertTrue(r.path("lagBytes").isNumber() && r.path("lagSeconds").isNumber(), r.toString());
            assertFalse(r.path("degraded").asBoolean(), r.toString());
        }
        assertEquals(5443, replicas.get(0).path("port").asInt());
        Proc.Result text = app.ok("status");
        assertTrue(text.stdout().contains("replica " + R1 + ": accepting connections on 127.0.0.1:5443"), text.stdout());
    }

    @Test
    @Order(5)
    void theMultiHostStringsReachTheRightServerWithPsqlAndPgjdbc() throws Exception {
        String out = app.ok("connection", K, "--reveal").stdout();
        Map<String, String> strings = new java.util.LinkedHashMap<>();
        out.lines().filter(l -> l.contains(": ")).forEach(l -> strings.put(l.substring(0, l.indexOf(": ")).strip(), l.substring(l.indexOf(": ") + 2).strip()));
        String readOnly = strings.get("read-only, this machine");
        String readWrite = strings.get("read-write, any host, libpq");
        String preferReplica = strings.get("prefer a replica, libpq");
        assertNotNull(readOnly, out);
        assertTrue(readWrite.contains("127.0.0.1:5433,127.0.0.1:5443,127.0.0.1:5453") && readWrite.endsWith("target_session_attrs=read-write"), readWrite);
        for (var c : Map.of(readOnly, "t", readWrite, "f", preferReplica, "t").entrySet()) {
            Proc.Result r = Proc.run(List.of("psql", c.getKey(), "-XtAc", "select pg_is_in_recovery()"), Map.of(), Duration.ofSeconds(30));
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(c.getValue(), r.stdout().strip(), "pg_is_in_recovery through " + c.getKey().replaceAll(":[^:@/]+@", ":***@"));
        }
        // the pooler's read-only database routes to the replicas, its own name to the primary
        String pooledReadOnly = strings.get("read-only pooled, this machine");
        assertTrue(pooledReadOnly.endsWith("@127.0.0.1:6433/ksocial_readonly"), pooledReadOnly.replaceAll(":[^:@/]+@", ":***@"));
        for (var c : Map.of(pooledReadOnly, "t", strings.get("pooled, this machine"), "f").entrySet()) {
            Proc.Result r = Proc.run(List.of("psql", c.getKey(), "-XtAc", "select pg_is_in_recovery()"), Map.of(), Duration.ofSeconds(30));
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(c.getValue(), r.stdout().strip(), "through the pooler: " + c.getKey().replaceAll(":[^:@/]+@", ":***@"));
        }
        for (var c : Map.of(strings.get("read-write, any host, JDBC"), false, strings.get("prefer a replica, JDBC"), true).entrySet()) {
            try (Connection conn = DriverManager.getConnection(c.getKey()); ResultSet rs = conn.createStatement().executeQuery("select pg_is_in_recovery()")) {
                assertTrue(rs.next());
                assertEquals(c.getValue(), rs.getBoolean(1), "pgjdbc targetServerType picks the " + (c.getValue() ? "replica" : "primary"));
            }
        }
    }

    @Test
    @Order(6)
    void aStoppedReplicaCatchesUpAfterItStartsAgainAndStatusCallsItDegradedMeanwhile() throws Exception {
        dockerOk("stop", R1);
        psqlOk(5433, "insert into t select g, 'while stopped' from generate_series(100, 1099) g");
        Proc.Result status = app.run("status");
        assertEquals(1, status.exitCode(), "a replica that does not stream fails status: " + status);
        assertTrue(status.stderr().contains("degraded read replicas: " + R1), status.stderr());
        assertTrue(status.stdout().contains("degraded: not accepting connections"), status.stdout());
        assertEquals("f", onPrimary("select active from pg_replication_slots where slot_name = 'kaspa_aio_replica_1'"));
        Proc.Result plan = app.ok("plan");
        assertTrue(plan.stdout().contains("start container " + R1), plan.stdout());
        app.ok("apply");
        long ms = waitFor(5443, "select count(*) from t where note = 'while stopped'", "1000");
        System.out.println("[replica] caught up 1000 rows after start in " + ms + " ms");
        assertEquals(0, app.run("status").exitCode());
    }

    @Test
    @Order(7)
    void countTwoToOneRemovesTheContainerTheSlotAndTheVolumeAndSaysSo() {
        app.editProfile(p -> replicas(p, 1));
        Proc.Result plan = app.ok("plan");
        assertTrue(plan.stdout().contains("remove container " + R2), plan.stdout());
        assertTrue(plan.stdout().contains("remove volume " + R2 + "-data (it holds only a copy"), plan.stdout());
        app.ok("apply");
        assertFalse(containerExists(R2));
        assertFalse(volumeExists(R2 + "-data"));
        assertTrue(containerExists(R1) && volumeExists(R1 + "-data"));
        assertEquals("kaspa_aio_replica_1", onPrimary("select string_agg(slot_name, ',') from pg_replication_slots"));
        assertTrue(app.ok("plan").stdout().lines().noneMatch(l -> l.contains("remove") || l.contains("create")), "converged");
    }

    @Test
    @Order(8)
    void aReplicaWhoseVolumeWasRemovedIsSeededAgainByApply() throws Exception {
        dockerOk("rm", "-f", R1);
        dockerOk("volume", "rm", R1 + "-data");
        psqlOk(5433, "insert into t values (5, 'after the volume went')");
        Proc.Result apply = app.ok("apply");
        assertTrue(apply.stdout().contains(R1 + ": copying " + PRIMARY), apply.stdout());
        waitFor(5443, "select note from t where id = 5", "after the volume went");
        assertEquals("kaspa_aio_replica_1:true", onPrimary("select slot_name || ':' || active from pg_replication_slots"));
    }

    @Test
    @Order(9)
    void aReplicaWhoseSlotWasInvalidatedIsSeededAgainByApply() throws Exception {
        // a small bound, then more WAL than it while the replica is stopped: the primary invalidates the slot
        app.editProfile(p -> ((ObjectNode) p.path("services").path(K).path("database").path("settings")).put("max_slot_wal_keep_size", "32MB"));
        app.ok("apply");
        dockerOk("stop", R1);
        for (int i = 0; i < 6; i++) {
            psqlOk(5433, "insert into t select g, repeat('x', 200) from generate_series(" + (10_000 + i * 40_000) + ", " + (10_000 + i * 40_000 + 39_999)
                    + ") g; select pg_switch_wal(); checkpoint");
        }
        psqlOk(5433, "checkpoint");
        assertEquals("lost", onPrimary("select wal_status from pg_replication_slots where slot_name = 'kaspa_aio_replica_1'"));
        Proc.Result plan = app.ok("plan");
        assertTrue(plan.stdout().contains("recreate container " + R1 + " (its replication slot kaspa_aio_replica_1 on " + PRIMARY
                + " was invalidated"), plan.stdout());
        app.ok("apply");
        waitFor(5443, "select count(*) from t where id >= 10000", "240000");
        assertNotEquals("lost", onPrimary("select wal_status from pg_replication_slots where slot_name = 'kaspa_aio_replica_1'"));
        assertEquals(0, app.run("status").exitCode());
    }

    @Test
    @Order(10)
    void countToZeroKeepsThePrimaryAndItsData() {
        app.editProfile(p -> replicas(p, 0));
        app.ok("apply");
        assertFalse(containerExists(R1));
        assertFalse(volumeExists(R1 + "-data"));
        assertEquals("", onPrimary("select coalesce(string_agg(slot_name, ','), '') from pg_replication_slots"));
        assertEquals("streamed", psqlOk(5433, "select note from t where id = 2"));
    }
}
