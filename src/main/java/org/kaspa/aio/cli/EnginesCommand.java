package org.kaspa.aio.cli;

import org.kaspa.aio.app.EngineReport;

import java.util.List;
import java.util.Set;

/**
 * {@code engines [--use HOST]}: every engine candidate (DOCKER_HOST, docker contexts, the sockets of
 * Docker Desktop, Colima, Rancher Desktop, OrbStack, rootless Docker, Podman), whether it answers, and
 * which one is used ({@code *}); {@code --use} remembers one in profile.json.
 */
final class EnginesCommand implements CliCommand {
    @Override
    public String name() {
        return "engines";
    }

    @Override
    public String usage() {
        return "engines [--use HOST]      the engines found and which one is used; --use remembers one in profile.json";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        Arguments a = Arguments.parse(args, Set.of(), Set.of("--use")).noPositional();
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
            ctx.err().println("kaspa-aio: no engine answers; start Docker (Desktop), Colima or Podman, or set DOCKER_HOST");
            return 1;
        }
        return 0;
    }
}
