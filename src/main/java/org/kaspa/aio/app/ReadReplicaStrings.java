package org.kaspa.aio.app;

import org.kaspa.aio.ops.ConnectionString;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.PoolerProfile;
import org.kaspa.aio.provision.DatabaseComponents;
import org.kaspa.aio.provision.PoolerComponents;

import java.util.ArrayList;
import java.util.List;

/**
 * Read/write splitting as strings: the replicas alone (read-only), and primary plus replicas in the
 * multi-host forms that let the client pick by the session it gets: libpq's {@code target_session_attrs}
 * ({@code read-write} finds the primary, {@code prefer-standby} a replica while one answers) and pgjdbc's
 * {@code targetServerType} ({@code primary}, {@code preferSecondary}); with the pooler on, its read-only
 * database, which PgBouncer spreads over the replicas.
 */
final class ReadReplicaStrings {
    private ReadReplicaStrings() {
    }

    static List<ConnectionStrings.Labelled> of(DatabaseProfile db, String password, String host) {
        List<ConnectionStrings.Labelled> out = new ArrayList<>();
        if (db.replicaCount() == 0) {
            return out;
        }
        List<String> replicasInside = new ArrayList<>();
        List<String> replicasHere = new ArrayList<>();
        for (int n = 1; n <= db.replicaCount(); n++) {
            replicasInside.add(ConnectionString.hostPort(db.replicaContainer(n), DatabaseComponents.POSTGRES_PORT));
            replicasHere.add(ConnectionString.hostPort(host, db.replicas().port(n)));
        }
        List<String> allInside = new ArrayList<>(List.of(ConnectionString.hostPort(db.container(), DatabaseComponents.POSTGRES_PORT)));
        allInside.addAll(replicasInside);
        List<String> allHere = new ArrayList<>(List.of(ConnectionString.hostPort(host, db.port())));
        allHere.addAll(replicasHere);
        String u = db.user();
        String d = db.name();
        out.add(new ConnectionStrings.Labelled("read-only, containers", ConnectionString.multiHost(u, password, replicasInside, d, "standby")));
        out.add(new ConnectionStrings.Labelled("read-only, this machine", ConnectionString.multiHost(u, password, replicasHere, d, "standby")));
        out.add(new ConnectionStrings.Labelled("read-write, any host, libpq", ConnectionString.multiHost(u, password, allHere, d, "read-write")));
        out.add(new ConnectionStrings.Labelled("prefer a replica, libpq", ConnectionString.multiHost(u, password, allHere, d, "prefer-standby")));
        out.add(new ConnectionStrings.Labelled("read-write, any host, JDBC", ConnectionString.jdbcMultiHost(u, password, allHere, d, "primary")));
        out.add(new ConnectionStrings.Labelled("prefer a replica, JDBC", ConnectionString.jdbcMultiHost(u, password, allHere, d, "preferSecondary")));
        out.add(new ConnectionStrings.Labelled("read-write, any host, libpq, containers",
                ConnectionString.multiHost(u, password, allInside, d, "read-write")));
        out.add(new ConnectionStrings.Labelled("prefer a replica, libpq, containers",
                ConnectionString.multiHost(u, password, allInside, d, "prefer-standby")));
        if (db.pooled()) {
            String ro = PoolerComponents.readOnlyDatabase(db);
            out.add(new ConnectionStrings.Labelled("read-only pooled, containers",
                    ConnectionString.of(u, password, db.poolerContainer(), PoolerProfile.CONTAINER_PORT, ro)));
            out.add(new ConnectionStrings.Labelled("read-only pooled, this machine",
                    ConnectionString.of(u, password, host, db.pooler().port(), ro)));
        }
        return out;
    }
}
