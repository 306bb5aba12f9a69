package org.kaspa.aio.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.app.Installation;
import org.kaspa.aio.profile.KaspaAioHome;
import org.kaspa.aio.progress.ProgressListener;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;
import org.kaspa.aio.testsupport.XvfbDisplay;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What ships, measured as a person meets it: the jpackage image's launcher (its class-data archive, its JVM
 * options), each figure against a peer in the same run, interleaved.
 * <ul>
 * <li>cold start to the wizard's first painted frame on a real X server (Xvfb), against a bare JavaFX window
 * on the same runtime without class-data sharing (and, to show what the launcher's JVM options alone do, the
 * same window with them);</li>
 * <li>CLI wall time of status and plan against {@code docker-compose ps} on the exported stack, and of a
 * no-change apply against its in-process time plus the JVM's start;</li>
 * <li>the .deb's size and the unpacked image's.</li>
 * </ul>
 * The first frame is the end of the first pulse that painted, as JavaFX's own pulse logger reports it
 * (-Djavafx.pulseLogger through JAVA_TOOL_OPTIONS), the same for both windows: nothing in the app is there
 * for the benchmark.
 */
class InstalledAppBench {
    private static final Path OUT = Path.of(KaspaAio.jar()).getParent().resolve("installer");
    private static final Path IMAGE = OUT.resolve("app-image/kaspa-aio");
    private static final Path LAUNCHER = IMAGE.resolve("bin/kaspa-aio");
    private static final String PULSE_LOGGER = "-Djavafx.pulseLogger=true -Djavafx.pulseLogger.threshold=0";
    private static final int ROUNDS = 9;

    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
    }

    private static void requireImage() {
        assertTrue(Files.isExecutable(LAUNCHER), "no app image at " + IMAGE + ": the bench profile builds it (installer/build.sh)");
        assertTrue(Files.exists(IMAGE.resolve("lib/app/kaspa-aio.jsa")), "the image has no class-data archive");
    }

    /** The launcher's own JVM options, as jpackage wrote them into its configuration (the class-data archive left out). */
    private static List<String> launcherJvmOptions() throws Exception {
        return Files.readAllLines(IMAGE.resolve("lib/app/kaspa-aio.cfg")).stream().filter(l -> l.startsWith("java-options="))
                .map(l -> l.substring("java-options=".length())).filter(o -> o.startsWith("-XX:") && !o.contains("SharedArchiveFile")).toList();
    }

    /** Milliseconds from start until the process's JavaFX pulse logger reports its first painting. */
    private static double firstPaint(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            ProcessLines.awaitLine(p, line -> line.contains("): Painting"), "first painted frame");
            return (System.nanoTime() - t0) / 1e6;
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void coldStartOfTheInstalledApp() throws Exception {
        requireImage();
        String testClasses = Path.of(BareJavaFxWindow.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String javafx;
        try (Stream<Path> jars = Files.list(IMAGE.resolve("lib/app/lib"))) {
            javafx = jars.filter(j -> j.getFileName().toString().startsWith("javafx-")).map(Path::toString)
                    .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        }
        String java = IMAGE.resolve("lib/runtime/bin/java").toString();
        List<String> bare = List.of(java, "-Xshare:off", "-cp", javafx + File.pathSeparator + testClasses, BareJavaFxWindow.Main.class.getName());
        List<String> bareWithFlags = new ArrayList<>(List.of(java, "-Xshare:off"));
        bareWithFlags.addAll(launcherJvmOptions());
        bareWithFlags.addAll(bare.subList(2, bare.size()));
        Path home = Files.createTempDirectory("kaspa-aio-bench-installed");
        List<Double> app = new ArrayList<>();
        List<Double> peer = new ArrayList<>();
        List<Double> peerFlags = new ArrayList<>();
        try (XvfbDisplay x = XvfbDisplay.start(60)) {
            Map<String, String> env = new HashMap<>(Map.of("DISPLAY", x.display(), "KASPA_AIO_HOME", home.toString(),
                    "DOCKER_HOST", TestEngine.dockerHost(), "JAVA_TOOL_OPTIONS", PULSE_LOGGER));
            for (int round = 0; round <= ROUNDS; round++) {
                double a = firstPaint(List.of(LAUNCHER.toString()), env);
                double b = firstPaint(bare, env);
                double c = firstPaint(bareWithFlags, env);
                if (round > 0) { // the first round warms the disk cache for all three
                    app.add(a);
                    peer.add(b);
                    peerFlags.add(c);
                }
            }
        }
        double appMs = BenchResults.median(app);
        double peerMs = BenchResults.median(peer);
        BenchResults.record("installed.cold_start_ms", appMs, "ms", "the app image's launcher (class-data archive, its JVM options): start to "
                + "the wizard's first painted frame on Xvfb, median of " + app.size());
        BenchResults.record("installed.cold_start_peer_ms", peerMs, "ms", "a bare JavaFX window (one label) on the image's runtime without "
                + "class-data sharing, JVM defaults, interleaved");
        BenchResults.record("installed.cold_start_peer_launcher_flags_ms", BenchResults.median(peerFlags), "ms",
                "the same bare window with the launcher's JVM options " + launcherJvmOptions() + " (still no class-data sharing), interleaved");
        BenchResults.target("installed.cold_start_ms", "<= the bare window's (" + Math.round(peerMs) + " ms)", appMs <= peerMs);
    }

    private static double wallMs(List<String> command, Map<String, String> env) {
        long t0 = System.nanoTime();
        Proc.Result r = Proc.run(command, env, Duration.ofMinutes(2));
        double ms = (System.nanoTime() - t0) / 1e6;
        assertEquals(0, r.exitCode(), String.join(" ", command) + ": " + r);
        return ms;
    }

    @Test
    void cliLatencyOfTheInstalledLauncher() throws Exception {
        requireImage();
        KaspaAio app = new KaspaAio(Files.createTempDirectory("kaspa-aio-bench-cli"));
        TestEngine.reset();
        app.initWithImage(TestEngine.image());
        Path compose = Files.createTempDirectory("kaspa-aio-bench-cli-compose");
        app.ok("export", "--out", compose.toString());
        Map<String, String> env = Map.of("KASPA_AIO_HOME", app.home().toString(), "DOCKER_HOST", TestEngine.dockerHost());
        String composePs = "cd '" + compose + "' && docker-compose -p kaspa-aio ps";

        List<Double> status = new ArrayList<>();
        List<Double> plan = new ArrayList<>();
        List<Double> apply = new ArrayList<>();
        List<Double> version = new ArrayList<>();
        List<Double> ps = new ArrayList<>();
        List<Double> inProcess = new ArrayList<>();
        // The stack runs under one of the two at a time (the container names are the design's): phases alternate
        for (int phase = 0; phase < 2; phase++) {
            TestEngine.reset();
            Proc.Result up = Proc.run(List.of("bash", "-c", "cd '" + compose + "' && docker-compose -p kaspa-aio up -d && "
                    + "until pg_isready -h 127.0.0.1 -p 5433 -q && pg_isready -h 127.0.0.1 -p 5434 -q; do sleep 0.1; done"), env, Duration.ofMinutes(3));
            assertEquals(0, up.exitCode(), up.toString());
            for (int i = 0; i < ROUNDS; i++) {
                long t0 = System.nanoTime();
                Proc.Result r = Proc.run(List.of("bash", "-c", composePs), env, Duration.ofMinutes(1));
                ps.add((System.nanoTime() - t0) / 1e6);
                assertEquals(0, r.exitCode(), r.toString());
                assertTrue(r.stdout().contains("k-social-db"), r.stdout());
            }
            Proc.run(List.of("bash", "-c", "cd '" + compose + "' && docker-compose -p kaspa-aio down -v"), env, Duration.ofMinutes(3));
            TestEngine.reset();
            app.ok("apply");
            for (int i = 0; i < ROUNDS; i++) {
                status.add(wallMs(List.of(LAUNCHER.toString(), "status"), env));
                plan.add(wallMs(List.of(LAUNCHER.toString(), "plan"), env));
                apply.add(wallMs(List.of(LAUNCHER.toString(), "apply"), env));
                version.add(wallMs(List.of(LAUNCHER.toString(), "--version"), env));
            }
            // the same no-change apply in this (warm) JVM: the work itself
            try (Installation installation = Installation.open(new KaspaAioHome(app.home()), TestEngine.dockerHost())) {
                for (int i = 0; i < 5 + ROUNDS; i++) {
                    long t0 = System.nanoTime();
                    boolean changes = installation.apply(Duration.ofMinutes(2), ProgressListener.SILENT).hasChanges();
                    if (i >= 5) {
                        inProcess.add((System.nanoTime() - t0) / 1e6);
                    }
                    assertFalse(changes, "a no-change apply");
                }
            }
        }
        double psMs = BenchResults.median(ps);
        double statusMs = BenchResults.median(status);
        double planMs = BenchResults.median(plan);
        double applyMs = BenchResults.median(apply);
        double jvmMs = BenchResults.median(version);
        double inProcessMs = BenchResults.median(inProcess);
        BenchResults.record("cli.compose_ps_ms", psMs, "ms", "docker-compose ps on the exported stack (compose 1.29, running it), median of " + ps.size());
        BenchResults.record("cli.status_ms", statusMs, "ms", "the installed launcher's 'status' (probe, schema n/N, versions of both databases), wall, "
                + "median of " + status.size() + ", phases alternating with compose's");
        BenchResults.target("cli.status_ms", "<= docker-compose ps (" + Math.round(psMs) + " ms)", statusMs <= psMs);
        BenchResults.record("cli.plan_ms", planMs, "ms", "the installed launcher's 'plan' (nothing to change), wall, median of " + plan.size());
        BenchResults.target("cli.plan_ms", "<= docker-compose ps (" + Math.round(psMs) + " ms)", planMs <= psMs);
        BenchResults.record("cli.jvm_start_ms", jvmMs, "ms", "the installed launcher's '--version': the JVM's start and exit, median of " + version.size());
        BenchResults.record("cli.apply_in_process_ms", inProcessMs, "ms", "the same no-change apply in a warm JVM (Installation.apply), median of "
                + inProcess.size());
        double bound = 1.5 * (inProcessMs + jvmMs);
        BenchResults.record("cli.apply_ms", applyMs, "ms", "the installed launcher's no-change 'apply', wall, median of " + apply.size());
        BenchResults.target("cli.apply_ms", "<= 1.5 x (in-process + JVM start) = " + Math.round(bound) + " ms", applyMs <= bound);
    }

    @Test
    void installerSizes() throws Exception {
        requireImage();
        Path deb;
        try (Stream<Path> files = Files.list(OUT)) {
            deb = files.filter(f -> f.toString().endsWith(".deb")).findFirst().orElseThrow(() -> new AssertionError("no .deb under " + OUT));
        }
        double debMb = Files.size(deb) / 1e6;
        long image;
        try (Stream<Path> files = Files.walk(IMAGE)) {
            image = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        long archive = Files.size(IMAGE.resolve("lib/app/kaspa-aio.jsa"));
        BenchResults.record("installer.deb_mb", debMb, "MB", deb.getFileName() + " (10^6 bytes)");
        BenchResults.target("installer.deb_mb", "<= 59.2 MB", debMb <= 59.2);
        BenchResults.record("installer.app_image_mb", image / 1e6, "MB", "the unpacked app image, of which the class-data archive "
                + Math.round(archive / 1e6) + " MB (the .deb's postinst writes that one on the installed machine)");
    }
}
