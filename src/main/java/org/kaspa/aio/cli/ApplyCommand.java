package org.kaspa.aio.cli;

import org.kaspa.aio.provision.ApplyListener;
import org.kaspa.aio.provision.ProvisionPlan;
import org.kaspa.aio.provision.Provisioner;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
                    .map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(Provisioner.DEFAULT_READY_TIMEOUT);
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout takes a whole number of seconds");
        }
        ProfileFiles.Loaded loaded = ProfileFiles.load(ctx);
        long t0 = System.nanoTime();
        ProvisionPlan plan = new Provisioner(ctx.engine().get(), ctx.catalog()).withReadyTimeout(timeout)
                .apply(loaded.profile(), loaded.secrets(), new ConsoleListener(ctx));
        long ms = (System.nanoTime() - t0) / 1_000_000L;
        ctx.out().println(plan.hasChanges()
                ? "applied " + plan.changes().size() + " change(s) in " + ms + " ms"
                : "no changes; every enabled database accepts connections (" + ms + " ms)");
        return 0;
    }

    /** Progress lines; pull progress at most once per 10 % per image. */
    private static final class ConsoleListener implements ApplyListener {
        private final CliContext ctx;
        private final Map<String, Long> lastDecile = new ConcurrentHashMap<>();

        ConsoleListener(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void step(String resource, String message) {
            ctx.out().println(resource + ": " + message);
        }

        @Override
        public void pullProgress(String image, long current, long total) {
            if (total <= 0) {
                return;
            }
            long decile = current * 10 / total;
            Long prev = lastDecile.put(image, decile);
            if (prev == null || prev != decile) {
                ctx.out().printf("%s: pulling %d%% (%d/%d MB)%n", image, decile * 10, current >> 20, total >> 20);
            }
        }

        @Override
        public void ready(String container, long millis) {
            ctx.out().println(container + ": accepting connections (" + millis + " ms)");
        }
    }
}
