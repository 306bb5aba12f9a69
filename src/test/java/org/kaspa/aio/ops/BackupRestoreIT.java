package org.kaspa.aio.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.Rows;
import org.kaspa.aio.testsupport.TestEngine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Backup and restore round trips with real rows (thousands, plus a table whose name needs quoting),
 * checked against the real pg_dump run the way the design documents it; and the log stream.
 */
class BackupRestoreIT {
    private static final String ODD = "\"Odd Table-Name\"";
    private static KaspaAio app;
    private static Path dir;
    private static String fingerprint;

    @BeforeAll
    static void installWithRows() throws Exception {
        dir = Files.createTempDirectory("kaspa-aio-backups");
        app = KaspaAio.installed();
        Rows.write(5433, "k_social_user", "ksocial", pw(), 5000);
        sql("create table " + ODD + " (\"Key\" text primary key, value jsonb); insert into " + ODD
                + " values ('α', '{\"a\": 1}'), ('it''s', '[1,2]'), ('$@:/ ', 'null')");
        fingerprint = fingerprint();
    }

    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
    }

    private static String pw() {
        return app.password("k-indexer");
    }

    private static String sql(String statement) {
        Proc.Result r = Rows.psql(5433, "k_social_user", "ksocial", pw(), statement);
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout().trim();
    }

    /** Content of both tables, hashed in a stable order. */
    private static String fingerprint() {
        return sql("select md5(string_agg(id || ':' || note, ',' order by id)) from " + Rows.TABLE) + "/"
                + sql("select md5(string_agg(\"Key\" || '=' || value::text, ',' order by \"Key\")) from " + ODD);
    }

    private static String withoutRestrictKey(String dump) {
        return dump.replaceAll("(?m)^\\\\(un)?restrict \\S+$", "\\\\$1restrict <key>");
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    @Test
    void customFormatRoundTripWithChecksumAndConfirmation() throws Exception {
        Path file = dir.resolve("k-social.dump");
        Proc.Result b = app.ok("backup", "k-indexer", "--out", file.toString());
        assertTrue(new String(Files.readAllBytes(file), 0, 5, StandardCharsets.US_ASCII).equals("PGDMP"));
        assertTrue(b.stdout().contains("(custom format, " + Files.size(file) + " bytes)"), b.stdout());
        assertTrue(b.stdout().contains("sha256 " + sha256(file)), b.stdout());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".partial")), "no temp file left");
        }

        sql("delete from " + Rows.TABLE + " where id % 5 = 0; drop table " + ODD);
        assertNotEquals(fingerprint, sql("select count(*) from " + Rows.TABLE));

        Proc.Result refused = app.runWithInput("no\n", "restore", "k-indexer", "--in", file.toString());
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.stdout().contains("ksocial in k-social-db has 1 table(s)"), refused.stdout());
        assertEquals("kaspa-aio: not confirmed; nothing was restored", refused.stderr().trim());
        assertEquals("4000", sql("select count(*) from " + Rows.TABLE));

        Proc.Result r = app.runWithInput("yes\n", "restore", "k-indexer", "--in", file.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("5000", sql("select count(*) from " + Rows.TABLE));
        assertEquals(fingerprint, fingerprint());
    }

    @Test
    void plainFormatIsTheDesignsPgDumpByteForByteAndRestores() throws Exception {
        Path file = dir.resolve("k-social-backup.sql");
        app.ok("backup", "k-indexer", "--out", file.toString(), "--format", "plain");
        // the design's own command: docker exec k-social-db pg_dump -U k_social_user ksocial > k-social-backup.sql
        Proc.Result design = TestEngine.docker("exec", "k-social-db", "pg_dump", "-U", "k_social_user", "ksocial");
        assertEquals(0, design.exitCode());
        // Byte for byte, except the random key PostgreSQL >= 15.14 puts in every plain dump (\restrict, CVE-2025-8714)
        String ours = Files.readString(file);
        assertTrue(ours.contains("\n\\restrict ") && design.stdout().contains("\n\\restrict "));
        assertEquals(withoutRestrictKey(design.stdout()), withoutRestrictKey(ours));

        sql("update " + Rows.TABLE + " set note = 'changed' where id < 100; create table extra (x int)");
        app.ok("restore", "k-indexer", "--in", file.toString(), "--yes");
        assertEquals(fingerprint, fingerprint());
        assertEquals("0", sql("select count(*) from pg_tables where tablename = 'extra'"), "plain restore starts from an empty schema");
    }

    @Test
    void somethingThatIsNotADumpIsRefused() throws Exception {
        Path notADump = dir.resolve("notes.txt");
        Files.writeString(notADump, "select 'this is not a dump';\n");
        Proc.Result r = app.run("restore", "k-indexer", "--in", notADump.toString(), "--yes");
        assertEquals(1, r.exitCode());
        assertEquals("kaspa-aio: " + notADump + " is not a pg_dump file (neither custom format, which starts with PGDMP, "
                + "nor a plain SQL dump); nothing was restored", r.stderr().trim());
        assertEquals(fingerprint, fingerprint());
    }

    @Test
    void aFailedBackupNeverReplacesTheFileUnderTheFinalName() throws Exception {
        Path file = dir.resolve("kept.dump");
        Files.writeString(file, "an earlier good backup");
        KaspaAio wrongDb = new KaspaAio(app.home());
        wrongDb.editProfile(p -> ((ObjectNode) p.path("services").path("k-indexer").path("database")).put("name", "no_such_db"));
        try {
            Proc.Result r = wrongDb.run("backup", "k-indexer", "--out", file.toString());
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.stderr().startsWith("kaspa-aio: pg_dump in k-social-db failed (exit 1):"), r.stderr());
            assertEquals("an earlier good backup", Files.readString(file));
            try (var files = Files.list(dir)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".partial")));
            }
        } finally {
            wrongDb.editProfile(p -> ((ObjectNode) p.path("services").path("k-indexer").path("database")).put("name", "ksocial"));
        }
    }

    @Test
    void logsTailAndFollow() throws Exception {
        Proc.Result tail = app.ok("logs", "k-indexer", "--tail", "3");
        assertEquals(3, tail.stdout().lines().count(), tail.stdout());
        assertEquals(TestEngine.docker("logs", "--tail", "3", "k-social-db").all().lines().sorted().toList(),
                tail.stdout().lines().sorted().toList(), "the same lines docker logs shows");

        Process follow = app.start(Map.of(), "logs", "simply-kaspa-indexer", "--follow", "--tail", "0");
        try {
            Thread.sleep(1500);
            TestEngine.dockerOk("restart", "simply-kaspa-db");
            BufferedReader out = new BufferedReader(new InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8));
            String line;
            boolean sawRestart = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
                if (line.contains("database system is ready to accept connections") || line.contains("shutting down")
                        || line.contains("shutdown")) {
                    sawRestart = true;
                    break;
                }
            }
            assertTrue(sawRestart, "follow streams new lines as they come");
        } finally {
            follow.destroyForcibly();
            follow.waitFor(10, TimeUnit.SECONDS);
            app.ok("apply");
        }
    }
}
