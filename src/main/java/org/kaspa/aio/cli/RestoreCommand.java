package org.kaspa.aio.cli;

import org.kaspa.aio.app.Installation;
import org.kaspa.aio.ops.DumpFormat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code restore <service> --in FILE [--yes]}: a pg_dump file back into that database, in one transaction. */
final class RestoreCommand implements CliCommand {
    @Override
    public String name() {
        return "restore";
    }

    @Override
    public String usage() {
        return "restore <service> --in FILE [--yes]   restore a backup (asks before overwriting existing tables)";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        Arguments a = Arguments.parse(args, Set.of("--yes"), Set.of("--in"));
        String service = a.service();
        Path in = Path.of(a.option("--in").orElseThrow(() -> new UsageException("name the file: --in FILE")));
        boolean yes = a.has("--yes");
        if (!Files.isRegularFile(in)) {
            ctx.err().println("kaspa-aio: " + in + " does not exist or is not a file");
            return 1;
        }
        ctx.installation().checkDumpFile(in);
        var db = Installation.database(ctx.installation().load().profile(), service);
        int existing = ctx.installation().existingTables(service);
        if (existing > 0 && !yes) {
            ctx.out().println(db.name() + " in " + db.container() + " has " + existing + " table(s); the restore replaces what the dump contains.");
            ctx.out().println("Type yes to overwrite:");
            ctx.out().flush();
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || !line.trim().equals("yes")) {
                ctx.err().println("kaspa-aio: not confirmed; nothing was restored");
                return 1;
            }
        }
        DumpFormat f = ctx.installation().restore(service, in,
                seconds -> ctx.out().println(db.container() + ": still restoring (" + seconds + " s)"));
        ctx.out().println("restored " + in + " (" + f.word() + " format) into " + db.name() + " in " + db.container());
        return 0;
    }
}
