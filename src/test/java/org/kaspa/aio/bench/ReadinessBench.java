package org.kaspa.aio.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.health.DatabaseTarget;
import org.kaspa.aio.health.Endpoint;
import org.kaspa.aio.health.HealthMonitor;
import org.kaspa.aio.health.Readiness;
import org.kaspa.aio.health.ReadinessProbe;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness costs, each against its peer in the same run: the in-process probe vs spawning the real
 * pg_isready, and container start → the monitor's first "accepting" vs a shell loop of pg_isready.
 * Prints figures; asserts only that the measurements are real (never a time limit).
 */
class ReadinessBench {
    private static final DatabaseTarget K = new DatabaseTarget("k-indexer", "k-social-db", Endpoint.direct("127.0.0.1", 5433), "k_social_user", "ksocial");

    @BeforeAll
    static void provision() throws IOException {
        TestEngine.reset();
        new KaspaAio(Files.createTempDirectory("kaspa-aio-bench")).initWithImage(TestEngine.image()).ok("apply");
    }

    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
    }

    /**
     * The peer for the probe's own cost: the least a client can do for the same answer, over a plain blocking
     * socket, the same exchange the probe has with this server (libpq's SSLRequest, 'N', the StartupMessage,
     * the first byte of the reply), no parsing, no checks.
     */
    private static char minimalClient(byte[] startup) throws IOException {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", K.port()), 2000);
            s.setSoTimeout(2000);
            s.getOutputStream().write(new byte[]{0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f});
            int ssl = s.getInputStream().read();
            if (ssl != 'N') {
                throw new IOException("the server answered the SSLRequest with " + ssl);
            }
            s.getOutputStream().write(startup);
            return (char) s.getInputStream().read();
        }
    }

    private static byte[] startupMessage(String user, String database) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(new byte[]{0, 3, 0, 0});
        for (String s : new String[]{"user", user, "database", database}) {
            body.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            body.write(0);
        }
        body.write(0);
        return java.nio.ByteBuffer.allocate(4 + body.size()).putInt(4 + body.size()).put(body.toByteArray()).array();
    }

    @Test
    void probeVersusMinimalClient() throws IOException {
        ReadinessProbe probe = new ReadinessProbe();
        byte[] startup = startupMessage(K.user(), K.database());
        for (int i = 0; i < 300; i++) { // warm-up, both
            probe.probe(K.host(), K.port(), K.user(), K.database(), Duration.ofSeconds(2));
            minimalClient(startup);
        }
        List<Double> probeUs = new ArrayList<>();
        List<Double> minimalUs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) { // alternating, so machine noise hits both alike
            long t = System.nanoTime();
            Readiness r = probe.probe(K.host(), K.port(), K.user(), K.database(), Duration.ofSeconds(2));
            probeUs.add((System.nanoTime() - t) / 1000.0);
            assertEquals(Readiness.ACCEPTING, r);
            t = System.nanoTime();
            char answer = minimalClient(startup);
            minimalUs.add((System.nanoTime() - t) / 1000.0);
            assertEquals('R', answer, "the server asks for authentication: it is up");
        }
        double probeMedian = BenchResults.median(probeUs);
        double minimalMedian = BenchResults.median(minimalUs);
        BenchResults.record("probe.median_us", probeMedian, "us", "the readiness probe (libpq's exchange: SSLRequest, 'N', StartupMessage, "
                + "first reply; its parsing and checks), " + probeUs.size() + " probes of a running database");
        BenchResults.record("probe.minimal_client_median_us", minimalMedian, "us",
                "a minimal client doing the same exchange over a blocking socket, alternating with the probe, " + minimalUs.size() + " runs");
        double overheadMs = (probeMedian - minimalMedian) / 1000.0;
        BenchResults.record("probe.cost_above_server_ms", overheadMs, "ms", "the probe's median minus the minimal client's: what the probe "
                + "adds to the server's own answer (p99s: " + Math.round(BenchResults.percentile(probeUs, 99)) + " vs "
                + Math.round(BenchResults.percentile(minimalUs, 99)) + " us)");
        BenchResults.target("probe.cost_above_server_ms", "<= 1 ms", overheadMs <= 1.0);
        assertTrue(probeMedian > 0 && minimalMedian > 0);
    }

    @Test
    void probeVersusPgIsReady() {
        ReadinessProbe probe = new ReadinessProbe();
        for (int i = 0; i < 300; i++) {
            probe.probe(K.host(), K.port(), K.user(), K.database(), Duration.ofSeconds(2)); // warm-up
        }
        List<Double> probeUs = new ArrayList<>();
        List<Double> spawnUs = new ArrayList<>();
        // interleaved rounds, so machine noise hits both alike
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 200; i++) {
                long t = System.nanoTime();
                Readiness r = probe.probe(K.host(), K.port(), K.user(), K.database(), Duration.ofSeconds(2));
                probeUs.add((System.nanoTime() - t) / 1000.0);
                assertEquals(Readiness.ACCEPTING, r);
            }
            for (int i = 0; i < 10; i++) {
                long t = System.nanoTime();
                Proc.Result r = Proc.run(List.of("pg_isready", "-h", "127.0.0.1", "-p", "5433", "-q"), Map.of(), Duration.ofSeconds(10));
                spawnUs.add((System.nanoTime() - t) / 1000.0);
                assertEquals(0, r.exitCode());
            }
        }
        double median = BenchResults.median(probeUs);
        double spawn = BenchResults.median(spawnUs);
        BenchResults.record("probe_median_us", median, "us", "in-process probe, " + probeUs.size() + " probes");
        BenchResults.record("probe_p99_us", BenchResults.percentile(probeUs, 99), "us", "in-process probe, " + probeUs.size() + " probes");
        BenchResults.record("pg_isready_median_us", spawn, "us", "real pg_isready spawned, " + spawnUs.size() + " runs, same target, interleaved");
        BenchResults.record("probe_vs_pg_isready", spawn / median, "x", "how many times cheaper the probe is than spawning pg_isready "
                + "(an earlier target, >= 5; the server's own answer dominates both: see probe.cost_above_server_ms)");
        assertTrue(median > 0 && spawn > 0);
    }

    @Test
    void containerStartToFirstAcceptingVersusShellLoop() throws Exception {
        List<Double> monitorMs = new ArrayList<>();
        List<Double> loopMs = new ArrayList<>();
        try (DockerEngine engine = DockerEngine.fromEnvironment()) {
            String id = engine.findContainer("k-social-db").orElseThrow().id();
            for (int round = 0; round < 5; round++) {
                engine.stop(id, 10);
                CountDownLatch accepting = new CountDownLatch(1);
                try (HealthMonitor monitor = new HealthMonitor(List.of(K), null, Duration.ofSeconds(2))) {
                    monitor.addListener(e -> {
                        if (e.current().readiness() == Readiness.ACCEPTING) {
                            accepting.countDown();
                        }
                    }).start();
                    Thread.sleep(300);
                    long t = System.nanoTime();
                    engine.start(id);
                    assertTrue(accepting.await(60, TimeUnit.SECONDS));
                    monitorMs.add((System.nanoTime() - t) / 1e6);
                }
                engine.stop(id, 10);
                // the same start, waited for the way a script would
                long t = System.nanoTime();
                Proc.Result r = Proc.run(List.of("bash", "-c",
                        "docker start k-social-db >/dev/null && until pg_isready -h 127.0.0.1 -p 5433 -q; do sleep 0.1; done"),
                        Map.of("DOCKER_HOST", TestEngine.dockerHost()), Duration.ofSeconds(60));
                loopMs.add((System.nanoTime() - t) / 1e6);
                assertEquals(0, r.exitCode(), r.toString());
            }
        }
        BenchResults.record("start_to_accepting_monitor_ms", BenchResults.median(monitorMs), "ms",
                "container start -> HealthMonitor's first accepting event, median of " + monitorMs.size());
        BenchResults.record("start_to_accepting_loop_ms", BenchResults.median(loopMs), "ms",
                "docker start + shell loop of pg_isready every 0.1 s, median of " + loopMs.size() + ", interleaved");
    }
}
