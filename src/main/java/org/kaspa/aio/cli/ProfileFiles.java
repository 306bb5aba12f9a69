package org.kaspa.aio.cli;

import org.kaspa.aio.profile.PasswordGenerator;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.profile.SecretsStore;

import java.io.IOException;

/** Loading the profile and its secrets, adding (and storing) a password for any database that lacks one. */
final class ProfileFiles {
    private ProfileFiles() {
    }

    record Loaded(Profile profile, Secrets secrets) {
    }

    /** The database of a service named on the command line, or a one-line error naming the choices. */
    static org.kaspa.aio.profile.DatabaseProfile database(org.kaspa.aio.profile.Profile profile, String service) {
        var s = profile.services().get(service);
        if (s == null || s.database() == null) {
            throw new UsageException("'" + service + "' is not a service with a database (choose one of "
                    + String.join(", ", profile.services().entrySet().stream().filter(e -> e.getValue().database() != null)
                    .map(java.util.Map.Entry::getKey).toList()) + ")");
        }
        return s.database();
    }

    static Loaded load(CliContext ctx) throws IOException {
        Profile profile = ctx.profiles().read(ctx.home().profileFile());
        Secrets stored = ctx.secrets().read(ctx.home().secretsFile());
        Secrets complete = SecretsStore.completeFor(profile, stored, new PasswordGenerator());
        if (!complete.equals(stored)) {
            ctx.secrets().write(ctx.home().secretsFile(), complete);
        }
        return new Loaded(profile, complete);
    }
}
