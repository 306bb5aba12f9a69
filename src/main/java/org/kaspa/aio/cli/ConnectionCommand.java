package org.kaspa.aio.cli;

import org.kaspa.aio.app.ConnectionStrings;

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
        ConnectionStrings c = ctx.installation().connectionStrings(service, reveal);
        ctx.out().println("containers:   " + c.fromContainers());
        ctx.out().println("this machine: " + c.fromThisMachine());
        if (c.pooledFromContainers() != null) {
            ctx.out().println("pooled, containers:   " + c.pooledFromContainers());
            ctx.out().println("pooled, this machine: " + c.pooledFromThisMachine());
        }
        for (ConnectionStrings.Labelled r : c.readReplicas()) {
            ctx.out().println(r.label() + ": " + r.value());
        }
        return 0;
    }
}
