package org.kaspa.aio.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A bare Debian 12 for installing our package as a new user would: extracted anew from the set-up's cached
 * debootstrap tar (src/test/engine/package-root.sh), with /proc, /dev, the test engine's socket directory and
 * X's socket directory mounted in, and apt's download cache kept between runs. Commands run in it with chroot.
 */
public final class PackageRoot implements AutoCloseable {
    private static final Path APT_CACHE = Path.of(System.getenv().getOrDefault("KASPA_AIO_TEST_CACHE", "/var/cache/kaspa-aio-test"), "package-apt");
    private final Path root;
    private final List<Path> mounts = new ArrayList<>();

    private PackageRoot(Path root) {
        this.root = root;
    }

    public static PackageRoot fresh() throws IOException {
        String tar = System.getenv("KASPA_AIO_TEST_PACKAGE_ROOT");
        if (tar == null || !Files.isRegularFile(Path.of(tar))) {
            throw new AssertionError("KASPA_AIO_TEST_PACKAGE_ROOT names no tar: run the README's test command (engine.sh up makes it)");
        }
        PackageRoot r = new PackageRoot(Files.createTempDirectory(Path.of("/var/tmp"), "kaspa-aio-package-root"));
        ok(Proc.run(List.of("tar", "-C", r.root.toString(), "-xf", tar), Map.of(), Duration.ofMinutes(2)));
        Files.copy(Path.of("/etc/resolv.conf"), r.root.resolve("etc/resolv.conf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(APT_CACHE.resolve("partial"));
        Files.createDirectories(Path.of("/tmp/.X11-unix"));
        r.mount(List.of("-t", "proc", "proc"), "proc");
        r.bind("/dev", "dev");
        r.mount(List.of("--rbind", "/sys"), "sys"); // cgroups, for a Docker engine installed in it
        r.bind(APT_CACHE.toString(), "var/cache/apt/archives");
        r.bind("/run/kaspa-aio-test", "run/kaspa-aio-test");
        r.bind("/tmp/.X11-unix", "tmp/.X11-unix");
        return r;
    }

    private void bind(String from, String to) throws IOException {
        mount(List.of("--bind", from), to);
    }

    private void mount(List<String> how, String to) throws IOException {
        Path at = root.resolve(to);
        Files.createDirectories(at);
        List<String> cmd = new ArrayList<>(List.of("mount"));
        cmd.addAll(how);
        cmd.add(at.toString());
        ok(Proc.run(cmd, Map.of(), Duration.ofSeconds(30)));
        mounts.add(at);
    }

    private static void ok(Proc.Result r) {
        assertEquals(0, r.exitCode(), r.toString());
    }

    /** A path inside the root, as seen from this machine. */
    public Path path(String inside) {
        return root.resolve(inside.startsWith("/") ? inside.substring(1) : inside);
    }

    /** Runs {@code command} inside the root with {@code env} (and a PATH), as root. */
    public Proc.Result run(Map<String, String> env, Duration timeout, String... command) {
        Map<String, String> all = new java.util.LinkedHashMap<>(Map.of("DEBIAN_FRONTEND", "noninteractive"));
        all.putAll(env);
        return Proc.run(chrooted(all, command), Map.of(), timeout);
    }

    /** Starts {@code command} inside the root without waiting; the caller ends it. */
    public Process start(Map<String, String> env, String... command) throws IOException {
        return new ProcessBuilder(chrooted(env, command)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** {@code command} inside the root, with only a PATH, HOME and {@code env} for environment. */
    private List<String> chrooted(Map<String, String> env, String... command) {
        List<String> cmd = new ArrayList<>(List.of("chroot", root.toString(), "env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root"));
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.addAll(List.of(command));
        return cmd;
    }

    @Override
    public void close() {
        // whatever still runs in it (an engine it installed, a window): ended before its mounts go
        String self = root.toString();
        for (int round = 0; round < 2; round++) {
            ProcessHandle.allProcesses().filter(p -> {
                try {
                    return Files.readSymbolicLink(Path.of("/proc", String.valueOf(p.pid()), "root")).toString().equals(self);
                } catch (IOException | UnsupportedOperationException gone) {
                    return false;
                }
            }).forEach(round == 0 ? ProcessHandle::destroy : ProcessHandle::destroyForcibly);
            try {
                Thread.sleep(round == 0 ? 3000 : 500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = mounts.size() - 1; i >= 0; i--) {
            Proc.run(List.of("umount", "-l", mounts.get(i).toString()), Map.of(), Duration.ofSeconds(30));
        }
        // only once nothing is mounted in it: removing would reach through a bind mount
        if (Proc.run(List.of("sh", "-c", "grep -q ' " + root + "/' /proc/mounts"), Map.of(), Duration.ofSeconds(10)).exitCode() != 0) {
            Proc.run(List.of("rm", "-rf", "--one-file-system", root.toString()), Map.of(), Duration.ofMinutes(2));
        }
    }
}
