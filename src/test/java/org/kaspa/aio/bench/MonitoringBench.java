package org.kaspa.aio.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.health.Endpoint;
import org.kaspa.aio.health.PrometheusApi;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The monitoring stack's costs, each beside a peer in the same run: the app's memory with the Status view
 * and its charts live for five minutes under a light pgbench load (resident memory and the heap left after a
 * full GC, sampled every 30 s, and their trend), against a bare JavaFX window running alongside for the same
 * five minutes; and the exporters' scrape duration as Prometheus measures it, against fetching Prometheus's
 * own /metrics (a scrape that does no database work).
 */
class MonitoringBench {
    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
    }

    private record Sample(double minute, double rssMb, double heapMb) {
    }

    @Test
    void memoryWithTheChartsLiveForFiveMinutesAndTheExportersScrapeDuration() throws Exception {
        KaspaAio cli = KaspaAio.fresh().withMonitoring(true).withPoolers(true);
        cli.ok("apply");
        String pw = cli.password("k-indexer");
        assertEquals(0, Proc.run(List.of("pgbench", "-h", "127.0.0.1", "-p", "5433", "-U", "k_social_user", "-i", "-s", "2", "-q", "ksocial"),
                Map.of("PGPASSWORD", pw), Duration.ofMinutes(2)).exitCode());
        // a light, steady load through the pooler for the whole run, so the charts move
        ProcessBuilder loadBuilder = new ProcessBuilder("pgbench", "-h", "127.0.0.1", "-p", "6433", "-U", "k_social_user", "-c", "2", "-R", "50",
                "-T", "340", "ksocial").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        loadBuilder.environment().put("PGPASSWORD", pw);
        Process load = loadBuilder.start();
        Process app = start(List.of("-Dkaspa.aio.bench.open-status=true"), MeasuredInstallerApp.Main.class.getName(), cli.home(), "status-view-open");
        Process peer = start(List.of(), "org.kaspa.aio.bench.BareJavaFxWindow$Main", cli.home(), "first-frame ");
        List<Sample> appSamples = new ArrayList<>();
        List<Sample> peerSamples = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            for (int i = 0; i <= 10; i++) {
                long due = t0 + TimeUnit.SECONDS.toNanos(30L * i);
                Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
                double minute = (System.nanoTime() - t0) / 60e9;
                assertTrue(app.isAlive() && peer.isAlive());
                appSamples.add(new Sample(minute, rssMb(app.pid()), heapAfterGcMb(app.pid())));
                peerSamples.add(new Sample(minute, rssMb(peer.pid()), heapAfterGcMb(peer.pid())));
            }
        } finally {
            app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            peer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            load.destroyForcibly();
        }
        System.out.println("[bench] app samples (minute, RSS MB, heap after GC MB): " + appSamples);
        System.out.println("[bench] peer samples: " + peerSamples);
        // the first sample is the window still settling; the trend is over the rest
        List<Sample> app4 = appSamples.subList(2, appSamples.size());
        List<Sample> peer4 = peerSamples.subList(2, peerSamples.size());
        BenchResults.record("charts_rss_start_mb", appSamples.get(1).rssMb(), "MB", "resident memory, Status view and charts live 30 s (monitoring on, Prometheus-fed)");
        BenchResults.record("charts_rss_end_mb", last(appSamples).rssMb(), "MB", "the same after 5 minutes");
        BenchResults.record("charts_heap_slope_mb_per_min", slope(app4, Sample::heapMb), "MB/min",
                "trend of the heap left after a full GC, minutes 1-5 (no growth: ~0)");
        BenchResults.record("charts_heap_end_mb", last(appSamples).heapMb(), "MB", "heap left after a full GC at 5 minutes");
        BenchResults.record("charts_peer_rss_end_mb", last(peerSamples).rssMb(), "MB", "peer: a bare JavaFX window alongside, at 5 minutes");
        BenchResults.record("charts_peer_heap_slope_mb_per_min", slope(peer4, Sample::heapMb), "MB/min", "peer: its heap trend, minutes 1-5");
        double appRssSlope = slope(app4, Sample::rssMb);
        BenchResults.record("charts_rss_slope_mb_per_min", appRssSlope, "MB/min", "trend of resident memory, minutes 1-5");
        BenchResults.record("charts_peer_rss_slope_mb_per_min", slope(peer4, Sample::rssMb), "MB/min", "peer: its resident memory trend");

        // scrape duration: what Prometheus measured for each exporter over the run, against fetching its own /metrics
        PrometheusApi prometheus = new PrometheusApi(Endpoint.direct("127.0.0.1", 9090));
        double postgres = prometheus.query("avg(avg_over_time(scrape_duration_seconds{job=\"postgres\"}[5m]))").get(0).last() * 1000;
        double pgbouncer = prometheus.query("avg(avg_over_time(scrape_duration_seconds{job=\"pgbouncer\"}[5m]))").get(0).last() * 1000;
        HttpClient http = HttpClient.newHttpClient();
        List<Double> own = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9090/metrics")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            own.add((System.nanoTime() - t) / 1e6);
        }
        own.remove(0);
        BenchResults.record("scrape_postgres_exporter_ms", postgres, "ms", "mean scrape duration of the PostgreSQL exporters, as Prometheus measured it over 5 minutes");
        BenchResults.record("scrape_pgbouncer_exporter_ms", pgbouncer, "ms", "the same for the PgBouncer exporters (stand-in: psql per scrape)");
        BenchResults.record("scrape_peer_prometheus_metrics_ms", BenchResults.median(own), "ms", "peer: fetching Prometheus's own /metrics from this machine, median of 20");
    }

    private static Sample last(List<Sample> s) {
        return s.get(s.size() - 1);
    }

    /** Least-squares slope of a figure over the minutes sampled. */
    static double slope(List<Sample> s, java.util.function.ToDoubleFunction<Sample> y) {
        double n = s.size();
        double mx = s.stream().mapToDouble(Sample::minute).sum() / n;
        double my = s.stream().mapToDouble(y).sum() / n;
        double num = 0;
        double den = 0;
        for (Sample p : s) {
            num += (p.minute() - mx) * (y.applyAsDouble(p) - my);
            den += (p.minute() - mx) * (p.minute() - mx);
        }
        return num / den;
    }

    private static double rssMb(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow() / 1024.0;
    }

    /** The heap in use right after a full GC (jcmd): what the program holds on to, without garbage. */
    private static double heapAfterGcMb(long pid) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Proc.Result gc = Proc.run(List.of(jcmd, String.valueOf(pid), "GC.run"), Map.of(), Duration.ofSeconds(30));
        assertEquals(0, gc.exitCode(), gc.toString());
        Proc.Result info = Proc.run(List.of(jcmd, String.valueOf(pid), "GC.heap_info"), Map.of(), Duration.ofSeconds(30));
        var m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info.stdout());
        assertTrue(m.find(), info.stdout());
        return Long.parseLong(m.group(1)) / 1024.0;
    }

    /** A headless JavaFX process on the packaged app's classpath, once it printed {@code marker}; its output drained after. */
    private static Process start(List<String> flags, String mainClass, Path home, String marker) throws Exception {
        String cp = KaspaAio.jar() + File.pathSeparator + System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw"));
        cmd.addAll(flags);
        cmd.addAll(List.of("-cp", cp, mainClass));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("KASPA_AIO_HOME", home.toString());
        pb.environment().put("DOCKER_HOST", TestEngine.dockerHost());
        Process p = pb.start();
        var out = ProcessLines.awaitLine(p, line -> line.startsWith(marker), "'" + marker + "'");
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (java.io.IOException ended) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        return p;
    }
}
