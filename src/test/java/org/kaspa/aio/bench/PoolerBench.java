package org.kaspa.aio.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A new connection per transaction ({@code pgbench -C}, select-only, fixed duration) straight to the
 * database and through its PgBouncer, interleaved run by run: what a pooler saves a client that connects
 * often (the server forks a backend per connection; PgBouncer keeps them).
 */
class PoolerBench {
    private static final int ROUNDS = 3;
    private static final int SECONDS = 15;
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(");

    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
    }

    private static double tps(int port, String password) {
        Proc.Result r = Proc.run(List.of("pgbench", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "k_social_user",
                "-C", "-S", "-c", "8", "-j", "2", "-T", String.valueOf(SECONDS), "ksocial"), Map.of("PGPASSWORD", password), Duration.ofMinutes(5));
        assertEquals(0, r.exitCode(), r.toString());
        Matcher m = TPS.matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        return Double.parseDouble(m.group(1));
    }

    @Test
    void newConnectionPerTransactionDirectVersusPooled() throws Exception {
        KaspaAio app = KaspaAio.fresh().withPoolers(true);
        app.ok("apply");
        String pw = app.password("k-indexer");
        Proc.Result init = Proc.run(List.of("pgbench", "-h", "127.0.0.1", "-p", "5433", "-U", "k_social_user", "-i", "-s", "5", "-q", "ksocial"),
                Map.of("PGPASSWORD", pw), Duration.ofMinutes(5));
        assertEquals(0, init.exitCode(), init.toString());
        List<Double> direct = new ArrayList<>();
        List<Double> pooled = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            direct.add(tps(5433, pw));
            pooled.add(tps(6433, pw));
        }
        double d = BenchResults.median(direct);
        double p = BenchResults.median(pooled);
        String how = "pgbench -C -S -c 8 -T " + SECONDS + ", scale 5, median of " + ROUNDS + " interleaved";
        BenchResults.record("pooler.connect_per_tx.direct", d, "tps", "straight to the database, " + how + " " + direct);
        BenchResults.record("pooler.connect_per_tx.pooled", p, "tps", "through PgBouncer (session pooling, the stand-in's 1.18) " + pooled);
        BenchResults.record("pooler.connect_per_tx.ratio", p / d, "x", "pooled / direct (higher is better)");
    }
}
