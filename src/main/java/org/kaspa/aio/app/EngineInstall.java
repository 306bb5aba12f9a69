package org.kaspa.aio.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Installing the distribution's Docker engine where none answers, with the person's consent: on Debian and
 * Ubuntu (and what derives from them, /etc/os-release's ID_LIKE) {@code docker.io} from the system's own
 * archive, started the way the machine allows (systemd; its init script where no systemd runs, as in a
 * container or chroot), and the person given the socket now (an ACL) and from the next login on (the docker
 * group), so the wizard goes on without a restart. Elsewhere it only names what to install. The commands are
 * said before they run; the script echoes each one as it runs it, so its output reads live.
 */
public final class EngineInstall {
    /** How the script gets root: a graphical prompt, a terminal's, or none (already root). */
    public enum Privilege {
        PKEXEC(List.of("pkexec")), SUDO(List.of("sudo")), ROOT(List.of());

        private final List<String> prefix;

        Privilege(List<String> prefix) {
            this.prefix = prefix;
        }

        public List<String> prefix() {
            return prefix;
        }

        /** None when this process already runs as root; else {@code prompt} (PKEXEC in the GUI, SUDO in a terminal). */
        public static Privilege forThisProcess(Privilege prompt) {
            return "root".equals(System.getProperty("user.name")) ? ROOT : prompt;
        }
    }

    /**
     * What can be done on this system: whether the installation is offered, the system's name, the commands
     * it runs (for the person to read first), and otherwise what to install by hand.
     */
    public record Offer(boolean offered, String system, List<String> commands, String guidance) {
    }

    /** The script; {@code $1} is the person to give the socket to (empty: nobody but root). */
    static final String SCRIPT = String.join("\n",
            "set -eu",
            "run() { echo \"+ $*\"; \"$@\"; }",
            "export DEBIAN_FRONTEND=noninteractive",
            "run apt-get update",
            "# a configuration the machine already has (an earlier engine's /etc/default/docker) is kept, never asked about",
            "run apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold docker.io acl",
            "if [ -d /run/systemd/system ]; then",
            "  run systemctl enable --now docker.service",
            "else",
            "  # no systemd (a container, a chroot, another init): the package's init script, and where even that cannot",
            "  # (it raises limits a container may not), the daemon itself with the machine's options, detached",
            "  if ! run /etc/init.d/docker start; then",
            "    echo 'the init script could not start it here: starting dockerd itself (log: /var/log/kaspa-aio-dockerd.log)'",
            "    DOCKER_OPTS=''",
            "    [ -r /etc/default/docker ] && . /etc/default/docker",
            "    echo \"+ dockerd $DOCKER_OPTS\"",
            "    setsid dockerd $DOCKER_OPTS </dev/null >>/var/log/kaspa-aio-dockerd.log 2>&1 &",
            "  fi",
            "fi",
            "i=0; until [ -S /var/run/docker.sock ] || [ $i -ge 120 ]; do sleep 0.5; i=$((i + 1)); done",
            "[ -S /var/run/docker.sock ] || { echo 'the Docker engine did not create /var/run/docker.sock within 60 s'; exit 1; }",
            "if [ -n \"${1:-}\" ] && [ \"$1\" != root ]; then",
            "  run usermod -aG docker \"$1\"",
            "  # the group counts from the next login; the ACL lets this session in now",
            "  run setfacl -m \"u:$1:rw\" /var/run/docker.sock",
            "fi",
            "echo 'Docker engine installed and running.'");

    private EngineInstall() {
    }

    /** The offer for the system {@code osRelease} describes ({@code /etc/os-release}'s text, or null), on {@code osName}. */
    public static Offer offer(String osName, String osRelease, String user) {
        String os = osName.toLowerCase(Locale.ROOT);
        Map<String, String> release = parse(osRelease);
        String family = (release.getOrDefault("ID", "") + " " + release.getOrDefault("ID_LIKE", "")).toLowerCase(Locale.ROOT);
        String name = release.getOrDefault("PRETTY_NAME", osName);
        if (os.contains("linux") && (family.contains("debian") || family.contains("ubuntu"))) {
            List<String> commands = new ArrayList<>(List.of("apt-get update",
                    "apt-get install -y --no-install-recommends docker.io acl (keeping any configuration the machine already has)",
                    "systemctl enable --now docker.service (where systemd does not run: /etc/init.d/docker start, or dockerd itself)"));
            if (user != null && !user.isBlank() && !user.equals("root")) {
                commands.add("usermod -aG docker " + user + " (from your next login on)");
                commands.add("setfacl -m u:" + user + ":rw /var/run/docker.sock (for this session)");
            }
            return new Offer(true, name, List.copyOf(commands), null);
        }
        return new Offer(false, name, List.of(), guidance(osName));
    }

    /** What to install by hand on {@code osName}, with where to find it (the Welcome step and {@code engines} say the same). */
    public static String guidance(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return "Install and start Docker Desktop (https://www.docker.com/products/docker-desktop/) or Podman Desktop "
                    + "(https://podman-desktop.io/; then 'podman machine init' and 'podman machine start')";
        }
        if (os.contains("mac")) {
            return "Install and start Docker Desktop (https://www.docker.com/products/docker-desktop/), Colima "
                    + "(https://github.com/abiosoft/colima: 'brew install colima docker', then 'colima start'), OrbStack, Rancher Desktop "
                    + "or Podman Desktop (https://podman-desktop.io/)";
        }
        return "Install and start an engine: Debian/Ubuntu 'sudo apt-get install docker.io' (or the Install button, or 'kaspa-aio engines "
                + "--install-docker'), Fedora 'sudo dnf install moby-engine' or 'podman' (then 'systemctl --user enable --now podman.socket', "
                + "https://podman.io/docs/installation), or Docker Engine (https://docs.docker.com/engine/install/)";
    }

    /** The offer for this machine. */
    public static Offer forThisMachine() {
        String release = null;
        try {
            Path p = Path.of("/etc/os-release");
            release = Files.isRegularFile(p) ? Files.readString(p) : null;
        } catch (IOException | RuntimeException unreadable) {
            // then no distribution is known: guidance only
        }
        return offer(System.getProperty("os.name", ""), release, System.getProperty("user.name", ""));
    }

    /**
     * Runs the installation as root (through {@code privilege}), each line of its output to {@code lines} as it
     * comes; returns its exit code (pkexec: 126 when the person dismissed the prompt, 127 when not authorised).
     * It is not cancellable: stopping apt or dpkg halfway leaves the system's packages half configured.
     */
    public static int run(Offer offer, Privilege privilege, String user, Consumer<String> lines) throws IOException {
        if (!offer.offered()) {
            throw new IllegalStateException("no installation is offered on " + offer.system());
        }
        List<String> command = new ArrayList<>(privilege.prefix());
        command.addAll(List.of("sh", "-c", SCRIPT, "kaspa-aio-engine-install", user == null ? "" : user));
        // no input but sudo's password (which it reads from the terminal): a question nobody can answer must not hang it
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(privilege == Privilege.SUDO
                ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.accept(line);
            }
        }
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the engine was being installed (it goes on as root)", e);
        }
    }

    static Map<String, String> parse(String osRelease) {
        Map<String, String> out = new LinkedHashMap<>();
        if (osRelease == null) {
            return out;
        }
        for (String line : osRelease.lines().toList()) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip().replaceAll("^\"|\"$", ""));
            }
        }
        return out;
    }
}
