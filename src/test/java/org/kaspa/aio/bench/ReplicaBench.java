package org.kaspa.aio.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Read replicas: seeding a replica of a pgbench scale-20 database through {@code apply} (count 0 → 1: plan,
 * pg_basebackup in a task container, start, first streaming) against {@code pg_basebackup} of the same
 * database run by hand from this machine, interleaved; then the replication lag the primary reports
 * (pg_stat_replication) while pgbench writes, sampled every 100 ms: median and p99.
 */
class ReplicaBench {
    private static final int ROUNDS = 2;
    private static final int LOAD_SECONDS = 30;

    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
    }

    private static void count(KaspaAio app, int n) {
        app.editProfile(p -> {
            ObjectNode r = (ObjectNode) p.path("services").path("k-indexer").path("database").path("replicas");
            r.put("count", n);
            r.putArray("ports").add(5443);
        });
    }

    @Test
    void seedingAgainstPgBasebackupByHandAndLagUnderWrites() throws Exception {
        KaspaAio app = KaspaAio.fresh();
        app.editProfile(p -> ((ObjectNode) p.path("services").path("simply-kaspa-indexer")).put("enabled", false));
        count(app, 0);
        app.ok("apply");
        String pw = app.password("k-indexer");
        Proc.Result init = Proc.run(List.of("pgbench", "-h", "127.0.0.1", "-p", "5433", "-U", "k_social_user", "-i", "-s", "20", "-q", "ksocial"),
                Map.of("PGPASSWORD", pw), Duration.ofMinutes(10));
        assertEquals(0, init.exitCode(), init.toString());
        String size = TestEngine.dockerOk("exec", "k-social-db", "psql", "-U", "k_social_user", "-d", "ksocial", "-XtAc",
                "select pg_size_pretty(pg_database_size('ksocial'))").strip();
        String replication = new ObjectMapper().readTree(app.home().resolve("secrets.json").toFile()).path("k-indexer")
                .path("replicationPassword").asText();
        List<Double> seeded = new ArrayList<>();
        List<Double> byHand = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            count(app, 1);
            long t0 = System.nanoTime();
            app.ok("apply");
            seeded.add((System.nanoTime() - t0) / 1e9);
            Path target = Files.createTempDirectory("basebackup");
            Files.delete(target);
            t0 = System.nanoTime();
            Proc.Result bb = Proc.run(List.of("pg_basebackup", "-h", "127.0.0.1", "-p", "5433", "-U", "kaspa_aio_replication", "-D",
                    target.toString(), "-X", "stream", "--checkpoint=fast"), Map.of("PGPASSWORD", replication), Duration.ofMinutes(10));
            byHand.add((System.nanoTime() - t0) / 1e9);
            assertEquals(0, bb.exitCode(), bb.toString());
            Proc.run(List.of("rm", "-rf", target.toString()), Map.of(), Duration.ofMinutes(1));
            if (round < ROUNDS - 1) {
                count(app, 0);
                app.ok("apply");
            }
        }
        double s = BenchResults.median(seeded);
        double h = BenchResults.median(byHand);
        String how = "pgbench scale 20 (" + size + "), median of " + ROUNDS + " interleaved";
        BenchResults.record("replica.seed.apply", s, "s", "apply with replicas 0 -> 1 (plan, pg_basebackup in a task container, start, "
                + "ready), " + how + " " + seeded);
        BenchResults.record("replica.seed.by_hand", h, "s", "pg_basebackup -X stream --checkpoint=fast from this machine into a "
                + "local directory " + byHand);
        BenchResults.record("replica.seed.ratio", s / h, "x", "apply / by hand (lower is better)");

        // lag while pgbench writes on the primary
        CompletableFuture<Proc.Result> load = CompletableFuture.supplyAsync(() -> Proc.run(List.of("pgbench", "-h", "127.0.0.1", "-p", "5433",
                "-U", "k_social_user", "-c", "4", "-j", "2", "-T", String.valueOf(LOAD_SECONDS), "ksocial"), Map.of("PGPASSWORD", pw),
                Duration.ofMinutes(5)));
        List<Double> lagBytes = new ArrayList<>();
        List<Double> lagMs = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(LOAD_SECONDS - 2).toNanos();
        Thread.sleep(2000);
        while (System.nanoTime() < end) {
            String row = TestEngine.dockerOk("exec", "k-social-db", "psql", "-U", "k_social_user", "-d", "ksocial", "-XtAc",
                    "select pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) || '|' || coalesce(extract(epoch from replay_lag) * 1000, 0) "
                            + "from pg_stat_replication").strip();
            String[] f = row.split("\\|");
            lagBytes.add(Double.parseDouble(f[0]));
            lagMs.add(Double.parseDouble(f[1]));
            Thread.sleep(100);
        }
        Proc.Result tps = load.join();
        assertEquals(0, tps.exitCode(), tps.toString());
        String t = tps.stdout().lines().filter(l -> l.startsWith("tps")).findFirst().orElse("");
        String load4 = "pgbench -c 4 -T " + LOAD_SECONDS + " (tpcb-like) on the primary, " + t.replaceAll(" \\(.*", "") + ", "
                + lagMs.size() + " samples of pg_stat_replication";
        BenchResults.record("replica.lag.median_ms", BenchResults.median(lagMs), "ms", "replay_lag, " + load4);
        BenchResults.record("replica.lag.p99_ms", percentile(lagMs, 0.99), "ms", "replay_lag, same samples");
        BenchResults.record("replica.lag.median_bytes", BenchResults.median(lagBytes), "bytes", "WAL not replayed yet, same samples");
        BenchResults.record("replica.lag.p99_bytes", percentile(lagBytes, 0.99), "bytes", "WAL not replayed yet, same samples");
    }

    private static double percentile(List<Double> xs, double p) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
