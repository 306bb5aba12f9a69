package org.kaspa.aio.cli;

import org.kaspa.aio.health.PgIsReady;
import org.kaspa.aio.health.Readiness;

import java.util.List;

/**
 * {@code isready [-h host] [-p port] [-d db] [-U user] [-t seconds] [-q]}: a drop-in pg_isready, same
 * line and exit code (0 accepting, 1 rejecting, 2 no response, 3 no attempt / bad arguments).
 * Long forms (--host=, --port=, …) are taken too. -d takes a database name, not a conninfo string.
 */
final class IsReadyCommand implements CliCommand {
    @Override
    public String name() {
        return "isready";
    }

    @Override
    public String usage() {
        return "isready [-h host] [-p port] [-d db] [-U user] [-t seconds] [-q]   a drop-in pg_isready";
    }

    @Override
    public int run(List<String> args, CliContext ctx) {
        String host = null, port = null, user = null, db = null, timeout = null;
        boolean quiet = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String opt = a;
            String value = null;
            if (a.startsWith("--") && a.contains("=")) {
                opt = a.substring(0, a.indexOf('='));
                value = a.substring(a.indexOf('=') + 1);
            } else if (a.length() > 2 && a.startsWith("-") && !a.startsWith("--")) {
                opt = a.substring(0, 2);
                value = a.substring(2);
            }
            if (opt.equals("-q") || opt.equals("--quiet")) {
                quiet = true;
                continue;
            }
            if (!List.of("-h", "--host", "-p", "--port", "-U", "--username", "-d", "--dbname", "-t", "--timeout").contains(opt)) {
                return usageError(ctx, a.startsWith("-") ? "invalid option -- '" + a + "'" : "too many command-line arguments (first is \"" + a + "\")");
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    return usageError(ctx, "option requires an argument -- '" + opt + "'");
                }
                value = args.get(++i);
            }
            switch (opt) {
                case "-h", "--host" -> host = value;
                case "-p", "--port" -> port = value;
                case "-U", "--username" -> user = value;
                case "-d", "--dbname" -> db = value;
                default -> timeout = value;
            }
        }
        PgIsReady.Target target = PgIsReady.Target.withDefaults(host, port, user, db, timeout, System.getenv(),
                System.getProperty("user.name"));
        Readiness r = new PgIsReady().check(target);
        if (!quiet) {
            ctx.out().println(PgIsReady.line(target, r));
        }
        return r.exitCode();
    }

    private static int usageError(CliContext ctx, String message) {
        ctx.err().println("kaspa-aio isready: " + message);
        ctx.err().println("usage: kaspa-aio isready [-h host] [-p port] [-d db] [-U user] [-t seconds] [-q]");
        return Readiness.NO_ATTEMPT.exitCode();
    }
}
