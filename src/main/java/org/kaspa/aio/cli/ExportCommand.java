package org.kaspa.aio.cli;

import org.kaspa.aio.ops.ComposeExport;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code export --out DIR}: the stack as docker-compose.yml + .env (0600) + init script folders. */
final class ExportCommand implements CliCommand {
    @Override
    public String name() {
        return "export";
    }

    @Override
    public String usage() {
        return "export --out DIR          the stack as docker-compose.yml, .env (0600) and init folders";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        Path dir = Path.of(Arguments.parse(args, Set.of(), Set.of("--out")).noPositional().option("--out")
                .orElseThrow(() -> new UsageException("export takes --out DIR")));
        ProfileFiles.Loaded loaded = ProfileFiles.load(ctx);
        List<String> files = new ComposeExport(ctx.catalog()).export(loaded.profile(), loaded.secrets(), dir);
        files.forEach(f -> ctx.out().println("wrote " + dir.resolve(f)));
        ctx.out().println("run it with: cd " + dir + " && docker-compose up -d");
        return 0;
    }
}
