package org.kaspa.aio.cli;

import java.util.List;
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
        String service = null;
        boolean follow = false;
        int tail = 100;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--follow") || a.equals("-f")) {
                follow = true;
            } else if (a.equals("--tail") && i + 1 < args.size()) {
                try {
                    tail = Integer.parseInt(args.get(++i));
                } catch (NumberFormatException e) {
                    throw new UsageException("--tail takes a number of lines");
                }
            } else if (!a.startsWith("-") && service == null) {
                service = a;
            } else {
                throw new UsageException("unknown argument '" + a + "'");
            }
        }
        if (service == null) {
            throw new UsageException("name a service");
        }
        var db = ProfileFiles.database(ProfileFiles.load(ctx).profile(), service);
        var engine = ctx.engine().get();
        var container = engine.findContainer(db.container());
        if (container.isEmpty()) {
            ctx.err().println("kaspa-aio: " + db.container() + " does not exist (run apply first)");
            return 1;
        }
        CountDownLatch done = new CountDownLatch(1);
        try (var stream = engine.followLogs(container.get().id(), tail, follow, line -> {
            ctx.out().println(line);
            ctx.out().flush();
        }, done::countDown)) {
            done.await();
        }
        return 0;
    }
}
