package org.kaspa.aio.cli;

import org.kaspa.aio.app.Installation;
import org.kaspa.aio.ops.DumpFormat;
import org.kaspa.aio.progress.Cancellation;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code restore <service> --in FILE [--yes]}: a pg_dump file back into that database, in one transaction;
 * {@code restore <service> --to-time T | --to-latest}: a point-in-time restore into a new volume, which the
 * database then runs on (the previous volume is kept and named); Ctrl-C cancels it cleanly until the switch.
 */
final class RestoreCommand implements CliCommand {
    @Override
    public String name() {
        return "restore";
    }

    @Override
    public String usage() {
        return "restore <service> --in FILE [--yes]   restore a backup (asks before overwriting existing tables)\n"
                + "  restore <service> --to-time 'YYYY-MM-DD HH:MM:SS+ZZ' | --to-latest   point in time, into a new volume (the old one is kept)";
    }

    /** A timestamp with its zone ("2026-11-28 18:30:00+00", ISO-8601 with 'T' too); a time without a zone is refused. */
    static java.time.Instant parseTime(String text) {
        String t = text.strip().replace(' ', 'T');
        // PostgreSQL's "+00" offset: ISO wants "+00:00"
        if (t.matches(".*[+-]\\d{2}$")) {
            t = t + ":00";
        }
        try {
            return java.time.OffsetDateTime.parse(t).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.ZonedDateTime.parse(t).toInstant();
            } catch (java.time.format.DateTimeParseException again) {
                throw new UsageException("--to-time must be a timestamp with its zone, e.g. '2026-11-28 18:30:00+00' (got '" + text + "')");
            }
        }
    }

    private interface CancellableWork<T> {
        T run(Cancellation cancel) throws Exception;
    }

    /**
     * Ctrl-C (or a TERM) during a point-in-time restore is its Cancel: the JVM's shutdown waits while the restore
     * stops at its next wait and removes what it made, or, past its switch, finishes it; never a half-made volume.
     */
    private static <T> T cancelledByInterrupt(CliContext ctx, CancellableWork<T> work) throws Exception {
        Cancellation cancel = new Cancellation();
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            ctx.err().println(cancel.request() ? "kaspa-aio: cancelling the restore; removing what it made…"
                    : "kaspa-aio: the database is switching to the restored volume; that finishes first…");
            ctx.err().flush();
            try {
                ended.await(Installation.DEFAULT_READY_TIMEOUT.toSeconds() + 120, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kaspa-aio-restore-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.run(cancel);
        } catch (Cancellation.Cancelled e) {
            ctx.err().println("kaspa-aio: " + e.getMessage());
            ctx.err().flush();
            throw e;
        } finally {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that the work has ended
            }
        }
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        Arguments a = Arguments.parse(args, Set.of("--yes", "--to-latest"), Set.of("--in", "--to-time"));
        String service = a.service();
        if (a.has("--to-latest") || a.option("--to-time").isPresent()) {
            if (a.option("--in").isPresent() || (a.has("--to-latest") && a.option("--to-time").isPresent())) {
                throw new UsageException("choose one: --in FILE, --to-time T or --to-latest");
            }
            java.time.Instant target = a.option("--to-time").map(RestoreCommand::parseTime).orElse(null);
            var r = cancelledByInterrupt(ctx, cancel -> ctx.installation().restoreToPointInTime(service, target, Installation.DEFAULT_READY_TIMEOUT,
                    new ProgressPrinter(ctx.out()), cancel));
            ctx.out().println("restored " + service + " to " + (target == null ? "the latest archived point" : target) + " from base backup "
                    + r.baseBackup() + " into volume " + r.newVolume() + "; it runs on it now");
            ctx.out().println("the previous volume " + r.previousVolume() + " is kept: to go back, set its name as the database's volume in "
                    + "profile.json and run apply");
            return 0;
        }
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
