package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.engine.HealthCheck;
import org.kaspa.aio.engine.PublishedPort;
import org.kaspa.aio.health.PostgresReadinessCheck;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.PoolerProfile;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.profile.ScramVerifier;
import org.kaspa.aio.profile.ServiceProfile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The pooler role: a PgBouncer per database, {@code <database container>-pooler} on the kaspa-aio network
 * (indexers reach {@code <container>-pooler:6432}), started once its database accepts. The image only has
 * to run {@code pgbouncer <ini>}: kaspa-aio writes the ini and the auth file and copies them in, as it does
 * the password file. The auth file holds the user's SCRAM verifier, never the password: the same verifier
 * the database holds (both computed with the service's stored salt), so PgBouncer checks a client's proof
 * and passes it through to the server.
 */
public final class PoolerComponents implements ComponentSource {
    public static final int POOLER_PORT = PoolerProfile.CONTAINER_PORT;
    public static final String INI_PATH = "/etc/pgbouncer/pgbouncer.ini";
    public static final String AUTH_PATH = "/etc/pgbouncer/userlist.txt";
    public static final String HBA_PATH = "/etc/pgbouncer/pgbouncer_hba.conf";
    /** Its local socket, where the admin console trusts a process in the container (status reads its figures there). */
    public static final String SOCKET_DIR = PoolerProfile.SOCKET_DIR;

    @Override
    public List<DesiredComponent> components(ServiceContext s) {
        DatabaseProfile db = s.service().database();
        if (db == null || !db.pooled()) {
            return List.of();
        }
        PoolerProfile pooler = db.pooler();
        String password = s.secrets().password(s.serviceId()).orElseThrow();
        String path = "services." + s.serviceId() + ".database.pooler";
        // over the network SCRAM against the auth file; on the container's own socket, only the admin console, trusted
        String hba = "local pgbouncer all trust\nhost all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n";
        String ini = ini(db, pooler, path, s.profile().monitored());
        List<ContainerFile> files = List.of(
                new ContainerFile(INI_PATH, ini.getBytes(StandardCharsets.UTF_8), 0444, false, true),
                new ContainerFile(HBA_PATH, hba.getBytes(StandardCharsets.UTF_8), 0444, false, true),
                authFile(s.profile(), s.secrets(), s.serviceId(), password));
        HealthCheck health = new HealthCheck(List.of("pg_isready", "-h", "127.0.0.1", "-p", String.valueOf(POOLER_PORT),
                "-U", db.user(), "-d", db.name()), Duration.ofSeconds(5), Duration.ofSeconds(5), 5, Duration.ofSeconds(10));
        String bind = s.profile().bindAddress();
        ContainerSpec spec = new ContainerSpec(db.poolerContainer(), pooler.image(), List.of("pgbouncer", INI_PATH), Map.of(), Map.of(),
                List.of(new PublishedPort(bind, pooler.port(), POOLER_PORT)), List.of(), s.network(), files, "SIGINT", health);
        return List.of(DesiredComponent.of(s.serviceId(), ComponentRole.POOLER, spec, List.of(db.container()),
                new PostgresReadinessCheck(s.ports().reach(db.container(), db.poolerContainer(), POOLER_PORT, bind, pooler.port()), db.user(), db.name()),
                null, path).withLive(new PgBouncerConfig(s.serviceId(), pooler.image(), pooler.poolMode(), path, ini)));
    }

    /** The name under which the pooler offers the database's read replicas: {@code <database>_readonly}. */
    public static String readOnlyDatabase(DatabaseProfile db) {
        return db.name() + "_readonly";
    }

    /**
     * The auth file: the user's SCRAM verifier for {@code ownerPassword}, never the password (apply writes it,
     * and so does a rotation), and with monitoring on the monitoring role's, which its exporter logs in with.
     */
    public static ContainerFile authFile(Profile profile, Secrets secrets, String serviceId, String ownerPassword) {
        DatabaseProfile db = profile.service(serviceId).database();
        StringBuilder auth = new StringBuilder();
        auth.append('"').append(db.user()).append("\" \"").append(ScramVerifier.of(secrets, serviceId, ownerPassword)).append("\"\n");
        if (profile.monitored()) {
            auth.append('"').append(ExporterComponents.MONITOR_USER).append("\" \"")
                    .append(ScramVerifier.of(secrets, serviceId, secrets.monitorPassword(serviceId).orElseThrow())).append("\"\n");
        }
        return new ContainerFile(AUTH_PATH, auth.toString().getBytes(StandardCharsets.UTF_8), 0444, true, true);
    }

    /** PgBouncer re-reads its ini, hba and auth files on SIGHUP, without dropping a client; null when that worked. */
    public static String reload(org.kaspa.aio.engine.DockerEngine engine, String containerId) {
        var r = engine.exec(containerId, List.of("sh", "-c", "kill -HUP 1"));
        return r.exitCode() == 0 ? null : (r.stderr() + r.stdout()).strip();
    }

    /**
     * The configuration: the one database, reached by its container name; SCRAM against the auth file;
     * the user may read SHOW POOLS/STATS on the admin console; and in transaction mode PgBouncer keeps the
     * indexers' prepared statements (max_prepared_statements, PgBouncer 1.21 and later).
     */
    static String ini(DatabaseProfile db, PoolerProfile pooler, String profilePath, boolean monitored) {
        StringBuilder s = new StringBuilder();
        s.append(";; Written by kaspa-aio from profile.json (").append(profilePath).append("); replaced on every apply.\n");
        s.append("[databases]\n");
        s.append(db.name()).append(" = host=").append(db.container()).append(" port=").append(DatabaseProfile.CONTAINER_PORT)
                .append(" dbname=").append(db.name()).append('\n');
        if (db.replicaCount() > 0) {
            // the same database on the read replicas; PgBouncer takes the hosts in turn for new server connections
            List<String> hosts = new java.util.ArrayList<>();
            for (int n = 1; n <= db.replicaCount(); n++) {
                hosts.add(db.replicaContainer(n));
            }
            s.append(readOnlyDatabase(db)).append(" = host=").append(String.join(",", hosts)).append(" port=")
                    .append(DatabaseProfile.CONTAINER_PORT).append(" dbname=").append(db.name()).append('\n');
        }
        s.append("\n[pgbouncer]\n");
        s.append("listen_addr = 0.0.0.0\n");
        s.append("listen_port = ").append(POOLER_PORT).append('\n');
        s.append("unix_socket_dir = ").append(SOCKET_DIR).append('\n');
        s.append("auth_type = hba\n");
        s.append("auth_hba_file = ").append(HBA_PATH).append('\n');
        s.append("auth_file = ").append(AUTH_PATH).append('\n');
        s.append("admin_users = ").append(db.user()).append('\n');
        // the monitoring role reads SHOW POOLS/STATS for its exporter, and nothing else
        s.append("stats_users = ").append(db.user()).append(monitored ? ", " + ExporterComponents.MONITOR_USER : "").append('\n');
        s.append("pool_mode = ").append(pooler.poolMode()).append('\n');
        s.append("max_client_conn = ").append(pooler.maxClientConnections()).append('\n');
        s.append("default_pool_size = ").append(pooler.defaultPoolSize()).append('\n');
        if (!pooler.poolMode().equals("session")) {
            s.append("max_prepared_statements = 200\n");
        }
        // pgjdbc and libpq send these at startup; PgBouncer would refuse the connection otherwise
        s.append("ignore_startup_parameters = extra_float_digits,options\n");
        return s.toString();
    }

    @Override
    public List<String> volumeNames(String serviceId, ServiceProfile service) {
        return List.of();
    }

    @Override
    public List<String> containerNames(String serviceId, ServiceProfile service) {
        return service.database() == null || service.database().pooler() == null ? List.of() : List.of(service.database().poolerContainer());
    }
}
