package org.kaspa.aio.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.TestEngine;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The installer window as a process: start to first rendered frame (headless, Monocle), against a bare
 * JavaFX window started the same way in the same run; and resident memory after the live Status view
 * has run for 30 s.
 */
class UiBench {
    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
    }

    /** The packaged app's classpath plus Monocle (test scope) for a headless screen. */
    private static List<String> javaHeadless(List<String> extraJvmFlags, String mainClass) {
        String cp = KaspaAio.jar() + File.pathSeparator + System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw"));
        cmd.addAll(extraJvmFlags);
        cmd.addAll(List.of("-cp", cp, mainClass));
        return cmd;
    }

    private static Process start(List<String> cmd, Path home) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("KASPA_AIO_HOME", home.toString());
        pb.environment().put("DOCKER_HOST", TestEngine.dockerHost());
        return pb.start();
    }

    private static long firstFrameMillis(List<String> cmd, Path home) throws Exception {
        long t0 = System.nanoTime();
        Process p = start(cmd, home);
        try {
            ProcessLines.awaitLine(p, line -> line.startsWith("first-frame "), "'first-frame'");
            return (System.nanoTime() - t0) / 1_000_000;
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void coldStartToFirstFrame() throws Exception {
        Path home = Files.createTempDirectory("kaspa-aio-bench-ui");
        List<Double> app = new ArrayList<>();
        List<Double> peer = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            app.add((double) firstFrameMillis(javaHeadless(List.of(), MeasuredInstallerApp.Main.class.getName()), home));
            peer.add((double) firstFrameMillis(javaHeadless(List.of(), "org.kaspa.aio.bench.BareJavaFxWindow$Main"), home));
        }
        app.remove(0);
        peer.remove(0);
        BenchResults.record("cold_start_ms", BenchResults.median(app), "ms",
                "from the jar (java -cp, JVM defaults, no class-data archive): process start to the wizard's first rendered frame, headless "
                        + "(Monocle, software rendering), median of " + app.size() + " (the installed app's figure is installed.cold_start_ms)");
        BenchResults.record("cold_start_peer_ms", BenchResults.median(peer), "ms",
                "the same for a bare JavaFX window with one label, same JVM and flags, interleaved");
    }

    @Test
    void residentMemoryWithTheStatusViewLive() throws Exception {
        TestEngine.reset();
        KaspaAio cli = new KaspaAio(Files.createTempDirectory("kaspa-aio-bench-ui")).initWithImage(TestEngine.image());
        cli.ok("apply");
        List<String> cmd = javaHeadless(List.of("-Dkaspa.aio.bench.open-status=true"), MeasuredInstallerApp.Main.class.getName());
        Process p = start(cmd, cli.home());
        try {
            ProcessLines.awaitLine(p, line -> line.startsWith("status-view-open"), "'status-view-open'");
            Thread drain = new Thread(() -> {
                try {
                    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (java.io.IOException ignored) {
                    // process ended
                }
            });
            drain.setDaemon(true);
            drain.start();
            Thread.sleep(30_000);
            assertTrue(p.isAlive());
            long kb = Files.readAllLines(Path.of("/proc/" + p.pid() + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow();
            BenchResults.record("rss_mb", kb / 1024.0, "MB", "resident memory after the Status view has been live for 30 s (from the jar, JVM defaults)");
            BenchResults.target("rss_mb", "<= 250 MB", kb / 1024.0 <= 250);
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
