package org.kaspa.aio.cli;

import org.kaspa.aio.profile.PasswordGenerator;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.profile.SecretsStore;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.Map;

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
        var profileFile = ctx.home().profileFile();
        if (Files.exists(profileFile) && !force) {
            ctx.err().println("kaspa-aio: " + profileFile + " already exists; use 'init --force' to overwrite it (volumes and data are never touched by init)");
            return 1;
        }
        Profile profile = Profile.defaults(ctx.catalog());
        Secrets secrets = SecretsStore.completeFor(profile, new Secrets(Map.of()), new PasswordGenerator());
        ctx.profiles().write(profileFile, profile);
        ctx.secrets().write(ctx.home().secretsFile(), secrets);
        ctx.out().println("wrote " + profileFile);
        ctx.out().println("wrote " + ctx.home().secretsFile() + " (mode 0600, " + secrets.asMap().size() + " generated passwords)");
        return 0;
    }
}
