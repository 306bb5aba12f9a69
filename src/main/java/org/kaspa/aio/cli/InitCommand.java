package org.kaspa.aio.cli;


import java.util.List;
import java.util.Set;

/** {@code init [--force]}: default profile + fresh secrets; never overwrites without --force. */
final class InitCommand implements CliCommand {
    @Override
    public String name() {
        return "init";
    }

    @Override
    public String usage() {
        return "init [--force]            write a default profile.json and fresh secrets.json";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        boolean force = Arguments.parse(args, Set.of("--force"), Set.of()).noPositional().has("--force");
        var profileFile = ctx.installation().home().profileFile();
        var result = ctx.installation().init(force);
        if (result == null) {
            ctx.err().println("kaspa-aio: " + profileFile + " already exists; use 'init --force' to overwrite it (volumes and data are never touched by init)");
            return 1;
        }
        ctx.out().println("wrote " + profileFile);
        ctx.out().println("wrote " + ctx.installation().home().secretsFile() + " (mode 0600, " + result.generatedPasswords() + " generated passwords"
                + (result.keptPasswords().isEmpty() ? "" : "; kept the passwords of the existing volumes " + String.join(", ", result.keptPasswords()))
                + ")");
        return 0;
    }
}
