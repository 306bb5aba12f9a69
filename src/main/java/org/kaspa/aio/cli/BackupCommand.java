package org.kaspa.aio.cli;

import org.kaspa.aio.ops.DatabaseBackup;
import org.kaspa.aio.ops.DumpFormat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code backup <service> --out FILE [--format custom|plain]}: a pg_dump of that database, streamed to FILE;
 * {@code backup <service> --base}: a base backup by its backup agent now (verified, then retention).
 */
final class BackupCommand implements CliCommand {
    @Override
    public String name() {
        return "backup";
    }

    @Override
    public String usage() {
        return "backup <service> --out FILE [--format custom|plain]   pg_dump to a file (custom format by default)\n"
                + "  backup <service> --base   a base backup now into the backups volume (scheduled backups on)";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        Arguments a = Arguments.parse(args, Set.of("--base"), Set.of("--out", "--format"));
        String service = a.service();
        if (a.has("--base")) {
            if (a.option("--out").isPresent() || a.option("--format").isPresent()) {
                throw new UsageException("--base takes no --out or --format: it goes into the backups volume");
            }
            ctx.out().println(ctx.installation().takeBaseBackup(service));
            return 0;
        }
        Path out = Path.of(a.option("--out").orElseThrow(() -> new UsageException("name the file: --out FILE")));
        String f = a.option("--format").orElse(DumpFormat.CUSTOM.word());
        DumpFormat format = DumpFormat.parse(f).orElseThrow(() -> new UsageException("--format is custom or plain (got '" + f + "')"));
        DatabaseBackup.BackupResult r = ctx.installation().backup(service, format, out,
                bytes -> ctx.out().printf("%s: %.1f MB%n", service, bytes / 1e6));
        ctx.out().printf("wrote %s (%s format, %d bytes)%nsha256 %s%n", r.file(), r.format().word(), r.bytes(), r.sha256());
        return 0;
    }
}
