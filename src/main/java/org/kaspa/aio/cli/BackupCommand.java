package org.kaspa.aio.cli;

import org.kaspa.aio.ops.DatabaseBackup;
import org.kaspa.aio.ops.DumpFormat;

import java.nio.file.Path;
import java.util.List;

/** {@code backup <service> --out FILE [--format custom|plain]}: a pg_dump of that database, streamed to FILE. */
final class BackupCommand implements CliCommand {
    @Override
    public String name() {
        return "backup";
    }

    @Override
    public String usage() {
        return "backup <service> --out FILE [--format custom|plain]   pg_dump to a file (custom format by default)";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        String service = null;
        Path out = null;
        DumpFormat format = DumpFormat.CUSTOM;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--out") && i + 1 < args.size()) {
                out = Path.of(args.get(++i));
            } else if (a.equals("--format") && i + 1 < args.size()) {
                String f = args.get(++i);
                format = DumpFormat.parse(f).orElseThrow(() -> new UsageException("--format is custom or plain (got '" + f + "')"));
            } else if (!a.startsWith("-") && service == null) {
                service = a;
            } else {
                throw new UsageException("unknown argument '" + a + "'");
            }
        }
        if (service == null || out == null) {
            throw new UsageException("name a service and --out FILE");
        }
        ProfileFiles.Loaded loaded = ProfileFiles.load(ctx);
        var db = ProfileFiles.database(loaded.profile(), service);
        String container = db.container();
        DatabaseBackup.BackupResult r = new DatabaseBackup(ctx.engine().get()).backup(db, format, out,
                bytes -> ctx.out().printf("%s: %.1f MB%n", container, bytes / 1e6));
        ctx.out().printf("wrote %s (%s format, %d bytes)%nsha256 %s%n", r.file(), r.format().word(), r.bytes(), r.sha256());
        return 0;
    }
}
