package org.kaspa.aio.cli;

import org.kaspa.aio.app.Installation;
import org.kaspa.aio.plan.ProvisionPlan;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code apply [--timeout SECONDS]}: converge the engine to the profile, printing progress lines. */
final class ApplyCommand implements CliCommand {

    @Override
    public String name() {
        return "apply";
    }

    @Override
    public String usage() {
        return "apply [--timeout SECONDS] converge the Docker engine to profile.json";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        Duration timeout;
        try {
            timeout = Arguments.parse(args, Set.of(), Set.of("--timeout")).noPositional().option("--timeout")
                    .map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(Installation.DEFAULT_READY_TIMEOUT);
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout takes a whole number of seconds");
        }
        long t0 = System.nanoTime();
        ProvisionPlan plan = ctx.installation().apply(timeout, new ProgressPrinter(ctx.out()));
        long ms = (System.nanoTime() - t0) / 1_000_000L;
        ctx.out().println(plan.hasChanges()
                ? "applied " + plan.changes().size() + " change(s) in " + ms + " ms"
                : "no changes; every enabled database accepts connections (" + ms + " ms)");
        return 0;
    }
}
