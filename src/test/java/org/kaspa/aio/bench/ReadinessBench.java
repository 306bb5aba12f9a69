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
        BenchResults.record("probe_vs_pg_isready", spawn / median, "x", "how many times cheaper the probe is (target >= 5)");
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
