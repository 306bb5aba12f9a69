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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.kaspa.aio.testsupport.TestEngine.dockerOk;

/**
 * A PgBouncer per database on the real engine, on the PgBouncer stand-in: the real psql and pgbench through
 * it with the stored password, no password anywhere it could be read, rotation kept in sync, 300 clients
 * where the database itself takes 50, and a stopped pooler named by status.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String K = "k-indexer";
    private static KaspaAio app;

    @BeforeAll
    static void install() throws Exception {
        app = KaspaAio.fresh().withPoolers(true);
        app.editProfile(p -> ((ObjectNode) p.path("services").path(K).path("database").path("settings")).put("max_connections", "50"));
        Proc.Result apply = app.ok("apply");
        assertTrue(apply.stdout().contains("k-social-db-pooler: waiting until it accepts connections on 127.0.0.1:6433"), apply.stdout());
    }

    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
    }

    private static Proc.Result psql(int port, String password, String sql) {
        return Proc.run(List.of("psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "k_social_user", "-d", "ksocial", "-tAc", sql),
                Map.of("PGPASSWORD", password, "PGCONNECT_TIMEOUT", "10"), Duration.ofSeconds(60));
    }

    @Test
    @Order(1)
    void clientsLogInThroughThePoolerWithTheStoredPasswordWhichNoFileOrInspectShows() throws Exception {
        String pw = app.password(K);
        Proc.Result through = psql(6433, pw, "select current_user || ' ' || inet_client_addr()::text");
        assertEquals(0, through.exitCode(), through.toString());
        assertTrue(through.stdout().startsWith("k_social_user "), "the server sees the pooler's address: " + through.stdout());
        assertNotEquals(0, psql(6433, "not-the-password-123", "select 1").exitCode());

        for (String c : List.of("k-social-db", "k-social-db-pooler")) {
            assertFalse(dockerOk("inspect", c).contains(pw), "docker inspect " + c + " shows the password");
        }
        String files = dockerOk("exec", "k-social-db-pooler", "cat", "/etc/pgbouncer/pgbouncer.ini", "/etc/pgbouncer/userlist.txt");
        assertFalse(files.contains(pw), "no plaintext password in the pooler's files");
        assertTrue(files.contains("\"k_social_user\" \"SCRAM-SHA-256$4096:"), files);
        String verifier = dockerOk("exec", "k-social-db", "psql", "-U", "k_social_user", "-d", "ksocial", "-Atc",
                "select rolpassword from pg_authid where rolname = current_user");
        assertTrue(files.contains(verifier), "the pooler holds the very verifier the database holds");

        Proc.Result strings = app.ok("connection", K);
        assertTrue(strings.stdout().contains("pooled, containers:   postgresql://k_social_user:••••••••@k-social-db-pooler:6432/ksocial"),
                strings.stdout());
        assertTrue(strings.stdout().contains("pooled, this machine: postgresql://k_social_user:••••••••@127.0.0.1:6433/ksocial"), strings.stdout());
        JsonNode pooler = JSON.readTree(app.ok("status", "--json").stdout()).path("poolers").get(0);
        assertEquals("accepting connections", pooler.path("verdict").asText(), pooler.toString());
        assertEquals("k-social-db-pooler", pooler.path("container").asText());
        assertTrue(pooler.path("pools").has("clientsWaiting"), pooler.toString());
        assertTrue(app.ok("plan").stdout().contains("no changes"));

        Path out = Files.createTempDirectory("kaspa-aio-pooler-export");
        app.ok("export", "--out", out.toString());
        JsonNode compose = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(Files.readString(out.resolve("docker-compose.yml"))).at("/services/k-social-db-pooler");
        assertEquals("service_healthy", compose.at("/depends_on/k-social-db/condition").asText(), compose.toString());
        assertEquals("pg_isready", compose.at("/healthcheck/test/1").asText());
        assertEquals("127.0.0.1:6433:6432", compose.at("/ports/0").asText());
        assertFalse(Files.readString(out.resolve("docker-compose.yml")).contains(pw));
    }

    @Test
    @Order(2)
    void threeHundredClientsGetThroughThePoolerWhereTheDatabaseTakesFifty() throws Exception {
        Path script = Files.createTempFile("select1", ".sql");
        Files.writeString(script, "select 1;\n");
        Map<String, String> env = Map.of("PGPASSWORD", app.password(K));
        List<String> load = List.of("-n", "-f", script.toString(), "-c", "300", "-j", "4", "-t", "3", "-U", "k_social_user", "ksocial");
        Proc.Result pooled = Proc.run(concat(List.of("pgbench", "-h", "127.0.0.1", "-p", "6433"), load), env, Duration.ofMinutes(3));
        assertEquals(0, pooled.exitCode(), pooled.toString());
        assertTrue(pooled.stdout().contains("number of failed transactions: 0") || pooled.stdout().contains("number of transactions actually processed: 900"),
                pooled.stdout());
        Proc.Result direct = Proc.run(concat(List.of("pgbench", "-h", "127.0.0.1", "-p", "5433"), load), env, Duration.ofMinutes(3));
        assertNotEquals(0, direct.exitCode(), direct.toString());
        assertTrue((direct.stdout() + direct.stderr()).contains("too many clients"), direct.toString());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    @Order(3)
    void aRotationIsDoneOnlyWhenThePoolerTakesTheNewPasswordAndRefusesTheOld() {
        String before = app.password(K);
        app.ok("rotate-password", K);
        String after = app.password(K);
        assertNotEquals(before, after);
        assertEquals("1", psql(6433, after, "select 1").stdout().trim(), "the new password through the pooler");
        assertNotEquals(0, psql(6433, before, "select 1").exitCode(), "the old one refused by the pooler");
        assertEquals("1", psql(5433, after, "select 1").stdout().trim());
        assertTrue(app.ok("plan").stdout().contains("no changes"), "the pooler's auth file is what apply would write");
    }

    @Test
    @Order(4)
    void aStoppedPoolerIsNamedByStatusAndApplyStartsItAgain() {
        dockerOk("stop", "k-social-db-pooler");
        Proc.Result status = app.run("status");
        assertEquals(1, status.exitCode(), status.toString());
        assertTrue(status.stderr().contains("not accepting connections: k-social-db-pooler"), status.stderr());
        app.ok("apply");
        assertEquals(0, app.run("status").exitCode());
    }

    @Test
    @Order(5)
    void turningThePoolerOffRemovesOnlyItsContainer() {
        String db = TestEngine.containerId("k-social-db");
        app.editProfile(p -> ((ObjectNode) p.path("services").path(K).path("database").path("pooler")).put("enabled", false));
        Proc.Result plan = app.ok("plan");
        assertTrue(plan.stdout().contains("+ remove container k-social-db-pooler (turned off in profile.json"), plan.stdout());
        app.ok("apply");
        assertFalse(TestEngine.containerExists("k-social-db-pooler"));
        assertEquals(db, TestEngine.containerId("k-social-db"), "the database is untouched");
        assertTrue(TestEngine.containerExists("simply-kaspa-db-pooler"), "the other database's pooler stays");
    }

    @Test
    @Order(6)
    void transactionPoolingIsRefusedOnAPgBouncerTooOldForPreparedStatementsWithNothingChanged() {
        String pooler = TestEngine.containerId("simply-kaspa-db-pooler");
        app.editProfile(p -> ((ObjectNode) p.path("services").path("simply-kaspa-indexer").path("database").path("pooler"))
                .put("poolMode", "transaction"));
        Proc.Result refused = app.run("apply");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertEquals("kaspa-aio: profile.json: services.simply-kaspa-indexer.database.pooler.poolMode: transaction pooling needs PgBouncer 1.21 "
                + "or later (max_prepared_statements) for the indexers' prepared statements, and " + TestEngine.poolerImage()
                + " has 1.18: set poolMode to session, or use a newer image; nothing was changed", refused.stderr().trim());
        assertEquals(pooler, TestEngine.containerId("simply-kaspa-db-pooler"));
    }
}
