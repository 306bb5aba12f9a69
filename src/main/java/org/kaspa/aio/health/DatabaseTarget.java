package org.kaspa.aio.health;

import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.HostAddress;
import org.kaspa.aio.profile.Profile;

import java.util.ArrayList;
import java.util.List;

/** One enabled database as seen from this machine: where to dial it and who to say we are. */
public record DatabaseTarget(String serviceId, String container, Endpoint endpoint, String user, String database) {
    private static final java.sql.Driver DRIVER = new org.postgresql.Driver();

    public static List<DatabaseTarget> of(Profile profile, PortAccess ports) {
        List<DatabaseTarget> out = new ArrayList<>();
        profile.enabledDatabases().forEach((id, db) -> out.add(of(id, db, profile.bindAddress(), ports)));
        return out;
    }

    public static DatabaseTarget of(String serviceId, DatabaseProfile db, String bindAddress, PortAccess ports) {
        return new DatabaseTarget(serviceId, db.container(),
                ports.reach(db.container(), DatabaseProfile.CONTAINER_PORT, bindAddress, db.port()), db.user(), db.name());
    }

    /** A database's PgBouncer: the same user and database, through the pooler's published port. */
    public static DatabaseTarget poolerOf(String serviceId, DatabaseProfile db, String bindAddress, PortAccess ports) {
        return new DatabaseTarget(serviceId, db.poolerContainer(), ports.reach(db.container(), db.poolerContainer(),
                org.kaspa.aio.profile.PoolerProfile.CONTAINER_PORT, bindAddress, db.pooler().port()), db.user(), db.name());
    }

    /** A database's read replica {@code n}: the same user and database, through the replica's published port. */
    public static DatabaseTarget replicaOf(String serviceId, DatabaseProfile db, int n, String bindAddress, PortAccess ports) {
        return new DatabaseTarget(serviceId, db.replicaContainer(n), ports.reach(db.container(), db.replicaContainer(n),
                DatabaseProfile.CONTAINER_PORT, bindAddress, db.replicas().port(n)), db.user(), db.name());
    }

    /** Every enabled database's target, then every running pooler's and replica's: what the live monitor watches. */
    public static List<DatabaseTarget> withPoolersAndReplicas(Profile profile, PortAccess ports) {
        List<DatabaseTarget> out = of(profile, ports);
        profile.enabledDatabases().forEach((id, db) -> {
            if (db.pooled()) {
                out.add(poolerOf(id, db, profile.bindAddress(), ports));
            }
        });
        profile.enabledDatabases().forEach((id, db) -> {
            for (int n = 1; n <= db.replicaCount(); n++) {
                out.add(replicaOf(id, db, n, profile.bindAddress(), ports));
            }
        });
        return out;
    }

    /** The address to dial (a tunnel's local end when the check goes through the engine). */
    public String host() {
        return endpoint.host();
    }

    public int port() {
        return endpoint.port();
    }

    /**
     * A JDBC connection to this database from the host, as its user.
     *
     * @param socketTimeoutSeconds 0 waits as long as the server takes (pgjdbc's default)
     */
    public java.sql.Connection connect(String password, String applicationName, int connectTimeoutSeconds,
                                       int socketTimeoutSeconds) throws java.sql.SQLException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", String.valueOf(connectTimeoutSeconds));
        props.setProperty("socketTimeout", String.valueOf(socketTimeoutSeconds));
        props.setProperty("ApplicationName", applicationName);
        // pgjdbc's driver directly: DriverManager would first load every driver any jar on the class path lists
        // (a scan of all of them) to ask each whether it takes a postgresql URL
        java.sql.Connection c = DRIVER.connect("jdbc:postgresql://" + HostAddress.forUrl(host()) + ":" + port() + "/" + database, props);
        if (c == null) {
            throw new java.sql.SQLException("pgjdbc refused the connection URL of " + container);
        }
        return c;
    }
}
