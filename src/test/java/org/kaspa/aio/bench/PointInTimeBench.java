package org.kaspa.aio.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.Rows;
import org.kaspa.aio.testsupport.TestEngine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Point-in-time recovery against the logical peers, on the same data (pgbench scale 20), one run each,
 * interleaved: {@code restore --to-time} (base backup copy into a new volume, WAL replay, check, switch) against
 * {@code pg_restore} of a custom-format dump into the running database; and the agent's base backup
 * ({@code backup --base}: pg_basebackup, pg_verifybackup, retention) against {@code backup --out} (pg_dump,
 * custom format), as throughput over the database's size.
 */
class PointInTimeBench {
    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
    }

    @Test
    void restoreToATimeAgainstPgRestoreAndBaseBackupAgainstPgDump() throws Exception {
        KaspaAio app = KaspaAio.fresh().withBackups(true);
        app.editProfile(p -> {
            ((ObjectNode) p.path("services").path("simply-kaspa-indexer")).put("enabled", false);
            ((ObjectNode) p.at("/services/k-indexer/database/backups")).put("schedule", "0 0 1 1 *");
        });
        app.ok("apply");
        String pw = app.password("k-indexer");
        Proc.Result init = Proc.run(List.of("pgbench", "-h", "127.0.0.1", "-p", "5433", "-U", "k_social_user", "-i", "-s", "20", "-q", "ksocial"),
                Map.of("PGPASSWORD", pw), Duration.ofMinutes(10));
        assertEquals(0, init.exitCode(), init.toString());
        long bytes = Long.parseLong(Rows.psql(5433, "k_social_user", "ksocial", pw, "select pg_database_size('ksocial')").stdout().strip());

        // base backup (the agent's, verified) against pg_dump -Fc of the same database
        long t0 = System.nanoTime();
        app.ok("backup", "k-indexer", "--base");
        double base = (System.nanoTime() - t0) / 1e9;
        java.nio.file.Path dump = java.nio.file.Files.createTempFile("kaspa-aio-bench", ".dump");
        t0 = System.nanoTime();
        app.ok("backup", "k-indexer", "--out", dump.toString());
        double pgDump = (System.nanoTime() - t0) / 1e9;

        // a little written after the backups, the time noted, then more: the restore goes back to the note
        Rows.psql(5433, "k_social_user", "ksocial", pw, "CREATE TABLE noted(n int); INSERT INTO noted VALUES (1)");
        Thread.sleep(1200);
        String between = Rows.psql(5433, "k_social_user", "ksocial", pw,
                "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'").stdout().strip();
        Thread.sleep(1200);
        Rows.psql(5433, "k_social_user", "ksocial", pw, "INSERT INTO noted VALUES (2)");

        t0 = System.nanoTime();
        app.ok("restore", "k-indexer", "--to-time", between);
        double pitr = (System.nanoTime() - t0) / 1e9;
        assertEquals("1", Rows.psql(5433, "k_social_user", "ksocial", pw, "SELECT count(*) FROM noted").stdout().strip());
        t0 = System.nanoTime();
        app.ok("restore", "k-indexer", "--in", dump.toString(), "--yes");
        double pgRestore = (System.nanoTime() - t0) / 1e9;
        java.nio.file.Files.deleteIfExists(dump);

        double mb = bytes / 1e6;
        BenchResults.record("pitr.restore_to_time_s", pitr, "s", "restore --to-time of a pgbench scale-20 database (" + Math.round(mb)
                + " MB): base backup copied into a new volume, WAL replayed, checked, switched (apply)");
        BenchResults.record("pitr.pg_restore_s", pgRestore, "s", "peer: restore --in of a custom-format dump of the same data into the running database");
        BenchResults.record("pitr.base_backup_mb_per_s", mb / base, "MB/s", "backup --base (pg_basebackup, pg_verifybackup, retention), " + String.format("%.1f s", base));
        BenchResults.record("pitr.pg_dump_mb_per_s", mb / pgDump, "MB/s", "peer: backup --out, pg_dump custom format, " + String.format("%.1f s", pgDump));
    }
}
