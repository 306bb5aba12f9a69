package org.kaspa.aio.cli;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@code backups <service>}: the base backups (time, size, verified or not) and the window a restore can reach. */
final class BackupsCommand implements CliCommand {
    @Override
    public String name() {
        return "backups";
    }

    @Override
    public String usage() {
        return "backups <service>   the scheduled base backups and the restorable window (point in time)";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        Arguments a = Arguments.parse(args, Set.of(), Set.of());
        String service = a.service();
        var r = ctx.installation().backups(service);
        ctx.out().println(service + ": schedule '" + r.schedule() + "' (UTC)" + (r.pointInTime() ? ", WAL archived (point in time)" : ""));
        if (r.backups().isEmpty()) {
            ctx.out().println("  no base backup yet");
        }
        for (var b : r.backups()) {
            ctx.out().printf("  %s  ended %s  %.1f MB  %s%n", b.name(), b.ended(), b.bytes() / 1e6, b.verification());
        }
        ctx.out().println("restorable: " + r.earliestRestorable().map(Instant::toString).orElse("nothing yet") + " … "
                + r.latestRestorable().map(Instant::toString).orElse("–"));
        String warning = r.warning(Instant.now());
        if (warning != null) {
            ctx.out().println("WARNING: " + warning);
            return 1;
        }
        return 0;
    }
}
