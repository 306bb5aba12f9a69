package org.kaspa.aio.cli;

import org.kaspa.aio.health.DatabaseTarget;
import org.kaspa.aio.ops.ConnectionString;
import org.kaspa.aio.profile.DatabaseProfile;

import java.util.List;
import java.util.Set;

/**
 * {@code connection <service> [--reveal]}: the connection strings of a database, for the indexers on
 * the shared network and for this machine. The password is masked unless --reveal is given.
 */
final class ConnectionCommand implements CliCommand {
    @Override
    public String name() {
        return "connection";
    }

    @Override
    public String usage() {
        return "connection <service> [--reveal]   connection strings (password masked unless --reveal)";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        Arguments a = Arguments.parse(args, Set.of("--reveal"), Set.of());
        String service = a.service();
        boolean reveal = a.has("--reveal");
        ProfileFiles.Loaded loaded = ProfileFiles.load(ctx);
        DatabaseProfile db = ProfileFiles.database(loaded.profile(), service);
        String pw = reveal ? loaded.secrets().password(service).orElseThrow() : ConnectionString.MASK;
        DatabaseTarget host = DatabaseTarget.of(service, db, loaded.profile().bindAddress());
        ctx.out().println("containers:   " + ConnectionString.of(db.user(), pw, db.container(), 5432, db.name()));
        ctx.out().println("this machine: " + ConnectionString.of(db.user(), pw, host.host(), db.port(), db.name()));
        return 0;
    }
}
