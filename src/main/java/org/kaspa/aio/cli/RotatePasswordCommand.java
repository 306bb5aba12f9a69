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
        return "rotate-password <service> [--password-stdin]   change a database password without losing data";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        Arguments a = Arguments.parse(args, Set.of("--password-stdin"), Set.of());
        String service = a.service();
        boolean fromStdin = a.has("--password-stdin");
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
