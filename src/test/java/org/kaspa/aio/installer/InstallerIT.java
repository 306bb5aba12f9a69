package org.kaspa.aio.installer;

import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;
import org.kaspa.aio.testsupport.XvfbDisplay;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The double-click artefacts built by the installer profile (the README's test command builds them):
 * the app image's launcher as a user runs it, its wizard window on a real X server (Xvfb), and the .deb.
 */
class InstallerIT {
    private static final Path OUT = Path.of(System.getProperty("kaspa.aio.jar")).getParent().resolve("installer");
    private static final Path LAUNCHER = OUT.resolve("app-image/kaspa-aio/bin/kaspa-aio");

    private static Path deb() throws Exception {
        try (Stream<Path> files = Files.list(OUT)) {
            return files.filter(f -> f.toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .deb under " + OUT + ": run the README's test command (it builds with -Pinstaller)"));
        }
    }

    @Test
    void launcherTakesTheCli() throws Exception {
        assertTrue(Files.isExecutable(LAUNCHER), "app image launcher at " + LAUNCHER);
        Proc.Result v = Proc.run(LAUNCHER.toString(), "--version");
        assertEquals(0, v.exitCode(), v.toString());
        assertTrue(v.stdout().matches("kaspa-aio \\d+\\.\\d+\\.\\d+.*\\n"), v.stdout());
        Path home = Files.createTempDirectory("kaspa-aio-home");
        Proc.Result init = Proc.run(List.of(LAUNCHER.toString(), "init"), Map.of("KASPA_AIO_HOME", home.toString()), Duration.ofSeconds(60));
        assertEquals(0, init.exitCode(), init.toString());
        Proc.Result status = Proc.run(List.of(LAUNCHER.toString(), "isready", "-h", "127.0.0.1", "-p", "1"),
                Map.of("KASPA_AIO_HOME", home.toString(), "DOCKER_HOST", TestEngine.dockerHost()), Duration.ofSeconds(60));
        assertEquals(2, status.exitCode());
        assertEquals("127.0.0.1:1 - no response\n", status.stdout());
        // docker-java (sockets, JNA, Jackson) works on the trimmed runtime: a plan against the real engine
        TestEngine.reset();
        Proc.Result plan = Proc.run(List.of(LAUNCHER.toString(), "plan"),
                Map.of("KASPA_AIO_HOME", home.toString(), "DOCKER_HOST", TestEngine.dockerHost()), Duration.ofSeconds(60));
        assertEquals(0, plan.exitCode(), plan.toString());
        assertTrue(plan.stdout().contains("+ create container k-social-db"), plan.stdout());
        // Windows engines are reached over a named pipe: docker-java's NamedPipeSocket (JNA, Kernel32) loads on the
        // packaged runtime with the packaged jars, and JNA's Windows native ships (using a real pipe needs Windows)
        Path app = OUT.resolve("app-image/kaspa-aio/lib/app");
        String testClasses = Path.of(org.kaspa.aio.testsupport.LoadClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Proc.Result pipes = Proc.run(List.of(OUT.resolve("app-image/kaspa-aio/lib/runtime/bin/java").toString(), "-cp",
                app.resolve("*") + java.io.File.pathSeparator + testClasses, org.kaspa.aio.testsupport.LoadClasses.class.getName(),
                "com.github.dockerjava.transport.NamedPipeSocket", "com.github.dockerjava.transport.NamedPipeSocket$Kernel32"),
                Map.of(), Duration.ofSeconds(60));
        assertEquals(0, pipes.exitCode(), pipes.toString());
        assertTrue(pipes.stdout().contains("loaded com.github.dockerjava.transport.NamedPipeSocket$Kernel32"), pipes.stdout());
        try (Stream<Path> jars = Files.list(app.resolve("lib"))) {
            Path jna = jars.filter(j -> j.getFileName().toString().matches("jna-\\d.*\\.jar")).findFirst().orElseThrow();
            try (var zip = new java.util.zip.ZipFile(jna.toFile())) {
                assertNotNull(zip.getEntry("com/sun/jna/win32-x86-64/jnidispatch.dll"), "JNA's Windows native ships");
            }
        }
        // the image's jars are the ones the jar's manifest names (what Maven resolved for this build; the
        // classifier-less JavaFX jars are empty placeholders), whatever else target/lib may hold
        try (var jar = new java.util.jar.JarFile(System.getProperty("kaspa.aio.jar")); Stream<Path> shipped = Files.list(app.resolve("lib"))) {
            List<String> named = java.util.Arrays.stream(jar.getManifest().getMainAttributes().getValue("Class-Path").split(" "))
                    .map(j -> j.substring("lib/".length())).filter(j -> !j.matches("javafx-[a-z]+-[0-9.]+\\.jar")).sorted().toList();
            assertEquals(named, shipped.map(j -> j.getFileName().toString()).filter(j -> j.endsWith(".jar")).sorted().toList());
        }
        // the trimmed runtime: no man pages, no headers, and not a whole JDK
        Path runtime = OUT.resolve("app-image/kaspa-aio/lib/runtime");
        assertFalse(Files.exists(runtime.resolve("include")));
        assertFalse(Files.exists(runtime.resolve("man")));
        assertFalse(Files.exists(runtime.resolve("jmods")));
        String modules = Files.readString(runtime.resolve("release"));
        assertTrue(modules.contains("java.base") && !modules.contains("jdk.compiler"), modules);
    }

    /**
     * The verbs people run on an installed stack take every class from the image's class-data archive: a class
     * found only in a jar (a sized profile's number type in jackson-core, say) makes the JVM open the jars before it
     * on the class path, ~17 ms of a start. Nor does slf4j look through the jars for bindings (the launcher names
     * its provider), and it prints nothing.
     */
    @Test
    void verbsOnAnInstalledStackLoadNoClassFromTheJars() throws Exception {
        org.kaspa.aio.testsupport.KaspaAio app = org.kaspa.aio.testsupport.KaspaAio.installed();
        Map<String, String> env = Map.of("KASPA_AIO_HOME", app.home().toString(), "DOCKER_HOST", TestEngine.dockerHost(),
                "JAVA_TOOL_OPTIONS", "-Xshare:on -Xlog:class+load=info");
        for (String verb : List.of("apply", "status", "plan")) {
            Proc.Result r = Proc.run(List.of(LAUNCHER.toString(), verb), env, Duration.ofMinutes(2));
            assertEquals(0, r.exitCode(), verb + ": " + r);
            assertTrue(r.stdout().contains("org.kaspa.aio.Launcher source: shared objects file"), verb + " logged its class loading");
            List<String> fromJars = r.stdout().lines().filter(l -> l.contains(" source: file:")).toList();
            assertEquals(List.of(), fromJars, verb + " loaded classes from the jars");
            assertFalse(r.stderr().contains("SLF4J"), verb + ": " + r.stderr());
            // the training cannot run apply, so its lambdas are listed from the class files (LambdaProxyLines): 46 of
            // the app's ~100 on apply's path were made at run time before; a few the JDK leaves out of the archive
            // (3-8 here, not looked into further) still are
            List<String> appLambdas = r.stdout().lines().filter(l -> l.contains("] org.kaspa.aio.") && l.contains("$$Lambda$")).toList();
            List<String> spun = appLambdas.stream().filter(l -> !l.contains("source: shared objects file")).toList();
            assertTrue(spun.size() * 5 <= appLambdas.size(), verb + " made " + spun.size() + " of the app's " + appLambdas.size()
                    + " lambdas at run time: " + spun);
        }
    }

    /**
     * jpackage's native launcher popen()s {@code rpm -qf} and {@code dpkg -S} on itself at every start (75 ms a
     * {@code dpkg -S} here). Spies named rpm and dpkg first on the PATH record any call; the launcher, also started
     * through a link elsewhere (as /usr/bin/kaspa-aio is), must make none and still find its runtime and options.
     */
    @Test
    void theLauncherAsksNoPackageManager() throws Exception {
        Path spies = Files.createTempDirectory("kaspa-aio-spies");
        Path calls = spies.resolve("calls");
        for (String tool : List.of("rpm", "dpkg", "dpkg-query")) {
            Path spy = spies.resolve(tool);
            Files.writeString(spy, "#!/bin/sh\necho \"" + tool + " $*\" >> '" + calls + "'\nexit 1\n");
            assertTrue(spy.toFile().setExecutable(true));
        }
        Path link = spies.resolve("kaspa-aio-link");
        Files.createSymbolicLink(link, LAUNCHER);
        String path = spies + ":" + System.getenv("PATH");
        for (Path start : List.of(LAUNCHER, link)) {
            Proc.Result v = Proc.run(List.of(start.toString(), "--version"), Map.of("PATH", path, "JAVA_TOOL_OPTIONS", "-Xshare:on"),
                    Duration.ofMinutes(1));
            assertEquals(0, v.exitCode(), start + ": " + v);
            assertTrue(v.stdout().startsWith("kaspa-aio "), v.stdout());
        }
        assertFalse(Files.exists(calls), () -> "the launcher asked the package manager: " + readQuietly(calls));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void theLauncherMapsTheImagesClassDataArchive() throws Exception {
        Path archive = OUT.resolve("app-image/kaspa-aio/lib/app/kaspa-aio.jsa");
        assertTrue(Files.size(archive) > 10_000_000, "the image's class-data archive: " + Files.size(archive) + " bytes");
        String config = Files.readString(OUT.resolve("app-image/kaspa-aio/lib/app/kaspa-aio.cfg"));
        assertTrue(config.contains("java-options=-XX:SharedArchiveFile=$APPDIR/kaspa-aio.jsa"), config);
        // -Xshare:on: a JVM that cannot map the archive refuses to start, instead of starting slower in silence
        Proc.Result strict = Proc.run(List.of(LAUNCHER.toString(), "--version"), Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on -Xlog:class+load=info"),
                Duration.ofMinutes(1));
        assertEquals(0, strict.exitCode(), strict.toString());
        for (String cls : List.of("org.kaspa.aio.Launcher", "org.kaspa.aio.cli.Cli", "java.lang.Object")) {
            assertTrue(strict.stdout().contains(cls + " source: shared objects file"), cls + " from the archive");
        }
        // the wizard's classes are in it too: the class list came from a run of the real launcher code to the first frames
        List<String> classList = Files.readAllLines(OUT.resolve("app-image/kaspa-aio/lib/app/kaspa-aio.classlist"));
        for (String cls : List.of("org/kaspa/aio/ui/WizardView", "org/kaspa/aio/ui/WelcomeStepView", "javafx/scene/control/skin/ButtonSkin",
                "com/sun/glass/ui/gtk/GtkApplication", "org/kaspa/aio/cli/PlanCommand")) {
            assertTrue(classList.stream().anyMatch(l -> l.equals(cls) || l.startsWith(cls + " ")), cls + " in the class list");
        }
        assertFalse(classList.stream().anyMatch(l -> l.contains("CdsTraining")), "the training class is not shipped");
        // and what runs only against an installed stack, which the training cannot reach (installer/cds/unreached-packages):
        // pgjdbc's login and queries for status, the tar reader for plan's live files
        for (String cls : List.of("org/postgresql/core/v3/ConnectionFactoryImpl", "org/postgresql/shaded/com/ongres/scram/client/ScramClient",
                "org/postgresql/jdbc/PgPreparedStatement", "org/apache/commons/compress/archivers/tar/TarArchiveInputStream",
                "org/kaspa/aio/provision/LiveHash")) {
            assertTrue(classList.stream().anyMatch(l -> l.equals(cls) || l.startsWith(cls + " ")), cls + " in the class list");
        }
    }

    @Test
    void launcherWithoutArgumentsOpensTheWizardWindow() throws Exception {
        try (XvfbDisplay x = XvfbDisplay.start(90)) {
            ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("DISPLAY", x.display());
            pb.environment().put("KASPA_AIO_HOME", Files.createTempDirectory("kaspa-aio-home").toString());
            pb.environment().put("DOCKER_HOST", TestEngine.dockerHost());
            Process app = pb.start();
            try {
                String tree = x.awaitWindow("Kaspa All-in-One Installer", app);
                assertTrue(tree.contains("\"Kaspa All-in-One Installer\""), "window titled 'Kaspa All-in-One Installer' on " + x.display() + ":\n" + tree);
            } finally {
                app.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void debDeclaresJavaFxLibrariesShipsTheDesktopEntryAndIsSmall() throws Exception {
        Path deb = deb();
        long size = Files.size(deb);
        assertTrue(size <= 59_200_000L, "the .deb is " + size / 1e6 + " MB, more than 59.2 MB");
        String depends = Proc.run("dpkg-deb", "-f", deb.toString(), "Depends").stdout();
        for (String lib : List.of("libgtk-3-0", "libgl1", "libxtst6")) {
            assertTrue(depends.contains(lib), "Depends lacks " + lib + ": " + depends);
        }
        Path root = Files.createTempDirectory("kaspa-aio-deb");
        assertEquals(0, Proc.run("dpkg-deb", "-x", deb.toString(), root.toString()).exitCode());
        Path app = root.resolve("opt/kaspa-aio");
        assertTrue(Files.isExecutable(app.resolve("bin/kaspa-aio")));
        assertTrue(Files.exists(app.resolve("lib/app/kaspa-aio.jar")));
        // the class list and the script postinst writes the archive with; not the build machine's archive (its paths)
        assertTrue(Files.exists(app.resolve("lib/app/kaspa-aio.classlist")) && Files.exists(app.resolve("lib/app/kaspa-aio-cds.sh")));
        assertFalse(Files.exists(app.resolve("lib/app/kaspa-aio.jsa")));
        assertTrue(Files.exists(app.resolve("lib/kaspa-aio.png")), "icon from assets");
        Path desktop;
        try (Stream<Path> s = Files.walk(app)) {
            desktop = s.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".desktop")).findFirst().orElseThrow(() -> new AssertionError("no desktop entry"));
        }
        String entry = Files.readString(desktop);
        assertTrue(entry.contains("Exec=/opt/kaspa-aio/bin/kaspa-aio"), entry);
        assertTrue(entry.contains("Icon=/opt/kaspa-aio/lib/kaspa-aio.png"), entry);
        assertEquals(Files.readAllBytes(Path.of("assets/icons/kaspa-aio-256.png")).length, Files.size(app.resolve("lib/kaspa-aio.png")));
        Proc.Result v = Proc.run(app.resolve("bin/kaspa-aio").toString(), "--version");
        assertEquals(0, v.exitCode(), v.toString());
        assertTrue(new File(app.resolve("lib/app").toString()).list().length >= 2);
    }
}
