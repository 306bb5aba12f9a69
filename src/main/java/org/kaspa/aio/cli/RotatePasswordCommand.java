package org.kaspa.aio.cli;

import org.kaspa.aio.ops.PasswordRotation;
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
        ProfileFiles.Loaded loaded = ProfileFiles.load(ctx);
        ProfileFiles.database(loaded.profile(), service);
        String password;
        if (fromStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? "" : line;
        } else {
            password = new PasswordGenerator().next();
        }
        new PasswordRotation(ctx.engine().get()).rotate(loaded.profile(), loaded.secrets(), service, password,
                s -> ctx.secrets().write(ctx.home().secretsFile(), s));
        ctx.out().println(service + ": password changed in the database, verified over TCP (old one refused) and stored in "
                + ctx.home().secretsFile());
        return 0;
    }
}
