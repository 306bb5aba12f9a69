package org.kaspa.aio.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code export --out DIR}: the stack as docker-compose.yml, its secrets folder (0700) and the files it mounts. */
final class ExportCommand implements CliCommand {
    @Override
    public String name() {
        return "export";
    }

    @Override
    public String usage() {
        return "export --out DIR          the stack as docker-compose.yml and the files it mounts";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        Path dir = Path.of(Arguments.parse(args, Set.of(), Set.of("--out")).noPositional().option("--out")
                .orElseThrow(() -> new UsageException("export takes --out DIR")));
        List<String> files = ctx.installation().export(dir);
        files.forEach(f -> ctx.out().println("wrote " + dir.resolve(f)));
        ctx.out().println("run it with: cd " + dir + " && docker-compose up -d");
        return 0;
    }
}
