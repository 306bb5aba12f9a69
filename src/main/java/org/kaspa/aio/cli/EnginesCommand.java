package org.kaspa.aio.cli;

import org.kaspa.aio.app.EngineReport;
import org.kaspa.aio.app.EngineInstall;

import java.util.List;
import java.util.Set;

/**
 * {@code engines [--use HOST]}: every engine candidate (DOCKER_HOST, docker contexts, the sockets of
 * Docker Desktop, Colima, Rancher Desktop, OrbStack, rootless Docker, Podman), whether it answers, and
 * which one is used ({@code *}); {@code --use} remembers one in profile.json; {@code --install-docker}
 * installs and starts the distribution's engine where none answers (Debian and Ubuntu).
 */
final class EnginesCommand implements CliCommand {
    @Override
    public String name() {
        return "engines";
    }

    @Override
    public String usage() {
        return "engines [--use HOST]      the engines found and which one is used; --use remembers one in profile.json\n"
                + "  engines --install-docker [--yes]   on Debian/Ubuntu: install and start docker.io (sudo; says the commands first)";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        Arguments a = Arguments.parse(args, Set.of("--install-docker", "--yes"), Set.of("--use")).noPositional();
        if (a.has("--install-docker")) {
            return installDocker(a.has("--yes"), ctx);
        }
        if (a.option("--use").isPresent()) {
            String host = a.option("--use").get();
            boolean insecure = host.startsWith("tcp://") && ctx.installation().insecureEngineAccepted();
            ctx.installation().rememberEngine(host, insecure);
            ctx.out().println("profile.json: engine " + host + (insecure ? " (plaintext accepted)" : ""));
        }
        List<EngineReport> reports = ctx.installation().engines();
        for (EngineReport r : reports) {
            ctx.out().println((r.selected() ? "* " : "  ") + r.describe());
        }
        if (reports.stream().noneMatch(EngineReport::answered)) {
            EngineInstall.Offer offer = ctx.installation().engineInstallOffer();
            ctx.err().println("kaspa-aio: no engine answers; " + (offer.offered()
                    ? "'kaspa-aio engines --install-docker' installs and starts " + offer.system() + "'s docker.io (it says the commands first)"
                    : offer.guidance()) + "; or set DOCKER_HOST");
            return 1;
        }
        return 0;
    }

    /** The commands said first, the person's yes (or --yes), then the installation's output as it runs; sudo unless root. */
    private static int installDocker(boolean yes, CliContext ctx) throws Exception {
        EngineInstall.Offer offer = ctx.installation().engineInstallOffer();
        if (!offer.offered()) {
            ctx.err().println("kaspa-aio: installing an engine is offered on Debian and Ubuntu only; on " + offer.system() + ": " + offer.guidance());
            return 1;
        }
        EngineInstall.Privilege privilege = EngineInstall.Privilege.forThisProcess(EngineInstall.Privilege.SUDO);
        boolean root = privilege == EngineInstall.Privilege.ROOT;
        ctx.out().println("This installs and starts the Docker engine of " + offer.system() + (root ? "" : " as root (sudo asks for your password)")
                + ", running:");
        offer.commands().forEach(c -> ctx.out().println("  " + c));
        if (!yes) {
            ctx.out().println("Type yes to go on:");
            ctx.out().flush();
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine();
            if (line == null || !line.strip().equals("yes")) {
                ctx.err().println("kaspa-aio: not confirmed; nothing was installed");
                return 1;
            }
        }
        int code = ctx.installation().installEngine(privilege, ctx.out()::println);
        if (code != 0) {
            ctx.err().println("kaspa-aio: installing the Docker engine failed (exit " + code + "); its output is above");
            return 1;
        }
        for (EngineReport r : ctx.installation().engines()) {
            ctx.out().println((r.selected() ? "* " : "  ") + r.describe());
        }
        return 0;
    }
}
