package org.kaspa.aio.installer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.PackageRoot;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;
import org.kaspa.aio.testsupport.XvfbDisplay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The .deb as a new user meets it, on a bare Debian 12 (debootstrap minbase, fresh for each run): apt installs it
 * with its dependencies and dpkg calls it installed although there is no desktop; the installed launcher's CLI
 * provisions on the test engine and its wizard window opens under Xvfb; on a desktop (a system menu directory)
 * a newer package installs over it with a menu entry and the person's home and databases as they were; removing
 * it touches nothing of the person's and says how to remove the stack; the installed CLI uninstalls. With no
 * engine answering, the installed CLI installs and starts the distribution's Docker engine (the code the Welcome
 * step's button runs) and its check then finds it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebPackageIT {
    private static final Path OUT = Path.of(System.getProperty("kaspa.aio.jar")).getParent().resolve("installer");
    private static final String HOME = "/root/.kaspa-aio";
    private static final Duration APT = Duration.ofMinutes(10);
    private static PackageRoot root;
    private static String version;

    @BeforeAll
    static void bareDebian() throws Exception {
        TestEngine.reset(); // the installed CLI's init and apply start from an engine without a stack of ours
        root = PackageRoot.fresh();
        Path deb;
        try (Stream<Path> files = Files.list(OUT)) {
            deb = files.filter(f -> f.toString().endsWith(".deb")).findFirst().orElseThrow(() -> new AssertionError("no .deb under " + OUT));
        }
        Files.copy(deb, root.path("/tmp/kaspa-aio.deb"));
        version = Proc.run("dpkg-deb", "-f", deb.toString(), "Version").stdout().strip();
    }

    /** The root's daemon's own bridge, made by the test and removed after it. */
    private static final String BRIDGE = "kaspa-aio-pkg0";

    private static boolean docker0() {
        return Proc.run(List.of("ip", "link", "show", "docker0"), Map.of(), Duration.ofSeconds(10)).exitCode() == 0;
    }

    @AfterAll
    static void cleanUp() {
        if (root != null) {
            root.close();
        }
        Proc.run(List.of("ip", "link", "del", BRIDGE), Map.of(), Duration.ofSeconds(10));
        TestEngine.reset();
    }

    private static Proc.Result cli(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "kaspa-aio";
        System.arraycopy(args, 0, command, 1, args.length);
        return root.run(Map.of("KASPA_AIO_HOME", HOME, "DOCKER_HOST", TestEngine.dockerHost()), Duration.ofMinutes(3), command);
    }

    private static Proc.Result ok(Proc.Result r) {
        assertEquals(0, r.exitCode(), r.toString());
        return r;
    }

    private static String status() {
        return root.run(Map.of(), Duration.ofSeconds(30), "dpkg-query", "-W", "-f=${Status} ${Version}", "kaspa-aio").stdout();
    }

    private static String digest(Path dir) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String f : List.of("profile.json", "secrets.json")) {
            sha.update(Files.readAllBytes(dir.resolve(f)));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    @Order(1)
    void aptInstallsItOnABareSystemWithoutADesktop() {
        Proc.Result install = ok(root.run(Map.of(), APT, "apt-get", "install", "-y", "-q", "/tmp/kaspa-aio.deb"));
        assertTrue(install.stdout().contains("kaspa-aio: no desktop menu on this system, so no menu entry was added"), install.stdout());
        assertFalse(install.all().contains("Errors were encountered"), install.all());
        assertEquals("install ok installed " + version, status());
        assertEquals("/opt/kaspa-aio/bin/kaspa-aio", root.run(Map.of(), Duration.ofSeconds(10), "readlink", "/usr/bin/kaspa-aio").stdout().strip(),
                "the launcher is on the PATH");
        assertTrue(ok(cli("--version")).stdout().startsWith("kaspa-aio "));
        assertLauncherMapsItsClassDataArchive();
    }

    /**
     * postinst wrote the class-data archive for the installed jars and the launcher maps it: with -Xshare:on a JVM
     * that cannot use it (missing, or written for jars elsewhere) refuses to start, and the app's own classes come
     * from it.
     */
    private static void assertLauncherMapsItsClassDataArchive() {
        assertTrue(Files.exists(root.path("/opt/kaspa-aio/lib/app/kaspa-aio.jsa")), "postinst wrote the class-data archive");
        Proc.Result strict = root.run(Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on -Xlog:class+load=info"), Duration.ofMinutes(1), "kaspa-aio", "--version");
        assertEquals(0, strict.exitCode(), strict.toString());
        assertTrue(strict.stdout().contains("org.kaspa.aio.Launcher source: shared objects file"), "the app's classes from the archive");
    }

    @Test
    @Order(2)
    void theInstalledCliProvisionsOnTheEngine() {
        ok(cli("init"));
        new KaspaAio(root.path(HOME)).useImage(TestEngine.image()).withMonitoring(false).withBackups(false).withPoolers(false);
        ok(cli("apply"));
        Proc.Result status = ok(cli("status"));
        assertTrue(status.stdout().contains("accepting connections"), status.stdout());
        assertEquals(0, Proc.run("pg_isready", "-h", "127.0.0.1", "-p", "5433").exitCode(), "the real pg_isready agrees");
        assertEquals("rw-------", posix(root.path(HOME + "/secrets.json")));
    }

    private static String posix(Path p) {
        try {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(3)
    void theInstalledLauncherOpensTheWizardUnderXvfb() throws Exception {
        try (XvfbDisplay x = XvfbDisplay.start(80)) {
            Process app = root.start(Map.of("DISPLAY", x.display(), "KASPA_AIO_HOME", HOME, "DOCKER_HOST", TestEngine.dockerHost()), "kaspa-aio");
            try {
                String tree = x.awaitWindow("Kaspa All-in-One Installer", app);
                assertTrue(tree.contains("\"Kaspa All-in-One Installer\""), "the installed wizard's window on " + x.display() + ":\n" + tree);
                Thread.sleep(3000); // its first frame and the engine check after it
                Path png = x.screenshot("deb-installed-wizard");
                assertTrue(Files.size(png) > 10_000, "a screenshot with something on it: " + Files.size(png) + " bytes");
            } finally {
                app.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    @Order(4)
    void aNewerPackageOnADesktopInstallsOverItAndKeepsTheHomeAndTheDatabases() throws Exception {
        String home = digest(root.path(HOME));
        String db = TestEngine.containerId("k-social-db");
        // a desktop: its environment brings the system menu directory xdg-desktop-menu writes to
        ok(root.run(Map.of(), APT, "apt-get", "install", "-y", "-q", "--no-install-recommends", "lxmenu-data"));
        // the same build as a newer version: what an upgrade runs is the old prerm, the new postinst
        String newer = version.replaceFirst("-", ".1-");
        Path unpacked = root.path("/tmp/unpacked");
        ok(Proc.run(List.of("dpkg-deb", "-R", root.path("/tmp/kaspa-aio.deb").toString(), unpacked.toString()), Map.of(), Duration.ofMinutes(2)));
        Path control = unpacked.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replace("Version: " + version, "Version: " + newer));
        ok(Proc.run(List.of("dpkg-deb", "-b", unpacked.toString(), root.path("/tmp/kaspa-aio-newer.deb").toString()), Map.of(), Duration.ofMinutes(3)));
        Proc.Result upgrade = ok(root.run(Map.of(), APT, "apt-get", "install", "-y", "-q", "/tmp/kaspa-aio-newer.deb"));
        assertTrue(upgrade.stdout().contains("Unpacking kaspa-aio (" + newer + ") over (" + version + ")"), upgrade.stdout());
        assertEquals("install ok installed " + newer, status());
        assertTrue(Files.exists(root.path("/usr/share/applications/kaspa-aio-kaspa-aio.desktop")), "a menu entry on a desktop");
        assertTrue(Files.readString(root.path("/usr/share/applications/kaspa-aio-kaspa-aio.desktop")).contains("Name=Kaspa All-in-One"));
        assertEquals(home, digest(root.path(HOME)), "the upgrade kept ~/.kaspa-aio");
        assertEquals(db, TestEngine.containerId("k-social-db"), "and the running database");
        ok(cli("status"));
        assertLauncherMapsItsClassDataArchive(); // the old one went with the old prerm, the new postinst wrote it anew
    }

    @Test
    @Order(5)
    void removingItTouchesNothingOfThePersonsAndSaysHowToRemoveTheStack() throws Exception {
        String home = digest(root.path(HOME));
        String db = TestEngine.containerId("k-social-db");
        Proc.Result remove = ok(root.run(Map.of(), APT, "apt-get", "purge", "-y", "-q", "kaspa-aio"));
        assertTrue(remove.stdout().contains("kaspa-aio: removing the program only") && remove.stdout().contains("'kaspa-aio uninstall'"), remove.stdout());
        assertFalse(Files.exists(root.path("/opt/kaspa-aio/bin/kaspa-aio")));
        assertFalse(Files.exists(root.path("/opt/kaspa-aio/lib/app")), "the class-data archive postinst wrote went too, and so its directory");
        assertFalse(Files.exists(root.path("/usr/bin/kaspa-aio")) || Files.isSymbolicLink(root.path("/usr/bin/kaspa-aio")), "its link went with it");
        assertFalse(Files.exists(root.path("/usr/share/applications/kaspa-aio-kaspa-aio.desktop")), "and its menu entry");
        assertEquals(home, digest(root.path(HOME)), "the person's home is as it was");
        assertEquals(db, TestEngine.containerId("k-social-db"), "the databases run on");
        assertTrue(TestEngine.volumeExists("k-social-db-data") && TestEngine.volumeExists("simply-kaspa-db-data"));
        assertEquals(0, Proc.run("pg_isready", "-h", "127.0.0.1", "-p", "5434").exitCode());

        // and installed again, its CLI removes the stack (and, asked to, the data)
        ok(root.run(Map.of(), APT, "apt-get", "install", "-y", "-q", "/tmp/kaspa-aio.deb"));
        ok(cli("uninstall", "--delete-data", "--yes"));
        assertFalse(TestEngine.containerExists("k-social-db") || TestEngine.containerExists("simply-kaspa-db"));
        assertFalse(TestEngine.volumeExists("k-social-db-data"));
    }

    @Test
    @Order(6)
    void withNoEngineTheInstalledCliInstallsAndStartsTheDistributionsDockerEngine() throws Exception {
        Map<String, String> noEngine = Map.of("KASPA_AIO_HOME", HOME);
        Proc.Result none = root.run(noEngine, Duration.ofMinutes(1), "kaspa-aio", "engines");
        assertEquals(1, none.exitCode(), none.toString());
        assertTrue(none.stderr().contains("'kaspa-aio engines --install-docker' installs and starts Debian GNU/Linux 12 (bookworm)'s docker.io"),
                none.stderr());
        // this machine's administrator settings for the daemon: beside the test engine it shares the network with, a bridge
        // of its own (on a documentation range, which carries nothing) and no iptables rules. Not '--bridge=none': with
        // it, dockerd deletes an existing docker0, the test engine's
        assertTrue(docker0(), "the test engine's bridge is there to begin with");
        assertEquals(0, Proc.run(List.of("sh", "-c", "ip link add " + BRIDGE + " type bridge && ip addr add 192.0.2.1/24 dev " + BRIDGE
                + " && ip link set " + BRIDGE + " up"), Map.of(), Duration.ofSeconds(10)).exitCode());
        Files.writeString(root.path("/etc/default/docker"), "DOCKER_OPTS=\"--bridge=" + BRIDGE + " --iptables=false\"\n");
        Proc.Result install = root.run(noEngine, APT, "kaspa-aio", "engines", "--install-docker", "--yes");
        assertEquals(0, install.exitCode(), install.toString());
        String out = install.stdout();
        out.lines().filter(l -> l.startsWith("+ ") || l.startsWith("the init script")).forEach(l -> System.out.println("[engine-install] " + l));
        assertTrue(out.contains("This installs and starts the Docker engine of Debian GNU/Linux 12 (bookworm), running:"), out);
        assertTrue(out.contains("+ apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold docker.io acl"),
                "each command as it runs: " + out);
        assertTrue(out.contains("+ /etc/init.d/docker start"), "no systemd here: the package's init script: " + out);
        // these machines may not raise the limits the init script raises: then the daemon itself, with the machine's options
        assertTrue(out.contains("+ dockerd --bridge=" + BRIDGE + " --iptables=false") || !out.contains("the init script could not start it here"), out);
        assertTrue(out.contains("Docker engine installed and running."), out);
        assertEquals("DOCKER_OPTS=\"--bridge=" + BRIDGE + " --iptables=false\"\n", Files.readString(root.path("/etc/default/docker")),
                "the machine's settings kept");
        assertTrue(out.lines().anyMatch(l -> l.startsWith("* ") && l.contains("unix:///var/run/docker.sock") && l.contains("Docker 20.10")),
                "the check that follows finds it: " + out);
        Proc.Result found = root.run(noEngine, Duration.ofMinutes(1), "kaspa-aio", "engines");
        assertEquals(0, found.exitCode(), found.toString());
        // the daemon goes with the root (PackageRoot ends what runs in it); the test engine was left alone
        assertTrue(docker0(), "the test engine's bridge docker0 survived the second daemon");
    }
}
