package org.kaspa.aio.health;

import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.HostAddress;

import java.util.ArrayList;
import java.util.List;

/** One enabled database as seen from the host: where to probe it and who to say we are. */
public record DatabaseTarget(String serviceId, String container, String host, int port, String user, String database) {

    public static List<DatabaseTarget> of(Profile profile) {
        List<DatabaseTarget> out = new ArrayList<>();
        profile.enabledDatabases().forEach((id, db) -> out.add(of(id, db, profile.bindAddress())));
        return out;
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
        return java.sql.DriverManager.getConnection("jdbc:postgresql://" + HostAddress.forUrl(host) + ":" + port + "/" + database, props);
    }

    public static DatabaseTarget of(String serviceId, DatabaseProfile db, String bindAddress) {
        return new DatabaseTarget(serviceId, db.container(), HostAddress.dialable(bindAddress), db.port(), db.user(), db.name());
    }
}
