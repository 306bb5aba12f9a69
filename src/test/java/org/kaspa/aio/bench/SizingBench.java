package org.kaspa.aio.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * pgbench on a database sized by the installer against the same image with its defaults under the same
 * memory and CPU limits, interleaved run by run (these machines are noisy): {@code -i -s 20}, then
 * read-write runs of fixed length.
 */
class SizingBench {
    private static final String PEER = "kaspa-aio-bench-image-defaults";
    private static final int PEER_PORT = 15499;
    private static final int MEMORY_MB = 1024;
    private static final double CPUS = 2;
    private static final int ROUNDS = 3;
    private static final int SECONDS = 20;
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    @AfterAll
    static void cleanUp() {
        TestEngine.docker("rm", "-f", PEER);
        TestEngine.reset();
    }

    private static Proc.Result pgbench(int port, String user, String db, String password, String... args) {
        List<String> cmd = new ArrayList<>(List.of("pgbench", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", user));
        cmd.addAll(List.of(args));
        cmd.add(db);
        Proc.Result r = Proc.run(cmd, Map.of("PGPASSWORD", password), Duration.ofMinutes(10));
        assertEquals(0, r.exitCode(), r.toString());
        return r;
    }

    private static double tps(Proc.Result r) {
        Matcher m = TPS.matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        return Double.parseDouble(m.group(1));
    }

    @Test
    void sizedVersusImageDefaultsUnderTheSameLimits() throws Exception {
        TestEngine.reset();
        TestEngine.docker("rm", "-f", PEER);
        KaspaAio app = new KaspaAio(Files.createTempDirectory("kaspa-aio-bench-sizing")).initWithImage(TestEngine.image());
        app.editProfile(p -> {
            ((ObjectNode) p.path("services").path("simply-kaspa-indexer")).put("enabled", false);
            ((ObjectNode) p.path("services").path("k-indexer").path("database")).putObject("resources")
                    .put("memoryMb", MEMORY_MB).put("cpus", CPUS);
        });
        app.ok("apply");
        String password = "bench-defaults-password-1";
        TestEngine.dockerOk("run", "-d", "--name", PEER, "-m", MEMORY_MB + "m", "--cpus", String.valueOf(CPUS),
                "-p", "127.0.0.1:" + PEER_PORT + ":5432", "-e", "POSTGRES_PASSWORD=" + password, TestEngine.image());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Proc.run("pg_isready", "-h", "127.0.0.1", "-p", String.valueOf(PEER_PORT)).exitCode() != 0) {
            assertTrue(System.nanoTime() < deadline, "the peer never accepted");
            Thread.sleep(200);
        }
        String sized = app.password("k-indexer");
        pgbench(5433, "k_social_user", "ksocial", sized, "-i", "-s", "20", "-q");
        pgbench(PEER_PORT, "postgres", "postgres", password, "-i", "-s", "20", "-q");

        List<Double> sizedTps = new ArrayList<>();
        List<Double> defaultTps = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            sizedTps.add(tps(pgbench(5433, "k_social_user", "ksocial", sized, "-c", "8", "-j", "2", "-T", String.valueOf(SECONDS))));
            defaultTps.add(tps(pgbench(PEER_PORT, "postgres", "postgres", password, "-c", "8", "-j", "2", "-T", String.valueOf(SECONDS))));
        }
        double s = BenchResults.median(sizedTps);
        double d = BenchResults.median(defaultTps);
        String limits = MEMORY_MB + " MB, " + CPUS + " CPUs, pgbench -s 20, -c 8 -T " + SECONDS + ", median of " + ROUNDS + " interleaved";
        BenchResults.record("sizing.pgbench.sized", s, "tps", "installer-sized settings, " + limits + " " + sizedTps);
        BenchResults.record("sizing.pgbench.defaults", d, "tps", "same image, its defaults, same limits " + defaultTps);
        BenchResults.record("sizing.pgbench.ratio", s / d, "x", "sized / defaults (higher is better)");
    }
}
