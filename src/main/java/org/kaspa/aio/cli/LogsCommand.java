package org.kaspa.aio.cli;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code logs <service> [--follow] [--tail N]}: the database container's log, streamed. */
final class LogsCommand implements CliCommand {
    @Override
    public String name() {
        return "logs";
    }

    @Override
    public String usage() {
        return "logs <service> [--follow] [--tail N]   the database container's log";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        Arguments a = Arguments.parse(args, Set.of("--follow", "-f"), Set.of("--tail"));
        String service = a.service();
        boolean follow = a.has("--follow") || a.has("-f");
        int tail;
        try {
            tail = Integer.parseInt(a.option("--tail").orElse("100"));
        } catch (NumberFormatException e) {
            throw new UsageException("--tail takes a number of lines");
        }
        CountDownLatch done = new CountDownLatch(1);
        try (var stream = ctx.installation().followLogs(service, tail, follow, line -> {
            ctx.out().println(line);
            ctx.out().flush();
        }, done::countDown)) {
            done.await();
        }
        return 0;
    }
}
