package org.kaspa.aio.cli;

import org.kaspa.aio.profile.PasswordGenerator;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code rotate-password <service> [--password-stdin]}: a new password (generated, or the first line of
 * stdin) set inside the running database, verified, then stored. Never printed.
 */
final class RotatePasswordCommand implements CliCommand {
    @Override
    public String name() {
        return "rotate-password";
    }

    @Override
    public String usage() {
        return "rotate-password <service> [--password-stdin | --reset]   change a database password without losing data"
                + " (--reset: make the stored password the database's again)";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        Arguments a = Arguments.parse(args, Set.of("--password-stdin", "--reset"), Set.of());
        String service = a.service();
        boolean fromStdin = a.has("--password-stdin");
        if (a.has("--reset")) {
            if (fromStdin) {
                throw new UsageException("--reset sets the stored password; it takes no new one");
            }
            ctx.installation().resetPassword(service);
            ctx.out().println(service + ": the stored password is the database's again (set through the container's local socket, "
                    + "verified over TCP)");
            return 0;
        }
        String password;
        if (fromStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? "" : line;
        } else {
            password = new PasswordGenerator().next();
        }
        ctx.installation().rotatePassword(service, password);
        ctx.out().println(service + ": password changed in the database, verified over TCP (old one refused) and stored in "
                + ctx.installation().home().secretsFile());
        return 0;
    }
}
