package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.health.RunningCheck;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.ServiceProfile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The pooler-exporter role: with monitoring on and the pooler enabled, a PgBouncer exporter beside it,
 * {@code <database container>-pooler-exporter} (Prometheus scrapes it on 9127). It reads SHOW POOLS/STATS on
 * the pooler's admin console as the monitoring role, which the pooler lists in {@code stats_users} and its
 * auth file. The connection string carries no password: libpq's password file does, named by PGPASSFILE,
 * owned by the image's user (nobody) with mode 0600, as libpq (and Go's lib/pq) require.
 */
public final class PoolerExporterComponents implements ComponentSource {
    public static final int METRICS_PORT = 9127;
    /** The image's user (prometheuscommunity/pgbouncer-exporter runs as nobody), who must own the password file. */
    static final int IMAGE_USER = 65534;
    static final String PASSFILE = "/run/secrets/kaspa-aio/pgpass";

    @Override
    public List<DesiredComponent> components(ServiceContext s) {
        DatabaseProfile db = s.service().database();
        if (db == null || !db.pooled() || !s.profile().monitored()) {
            return List.of();
        }
        String password = s.secrets().monitorPassword(s.serviceId()).orElseThrow();
        String pooler = db.poolerContainer();
        // a password file line: host:port:database:user:password, ':' and '\' escaped
        String line = pooler + ":" + PoolerComponents.POOLER_PORT + ":pgbouncer:" + ExporterComponents.MONITOR_USER + ":"
                + password.replace("\\", "\\\\").replace(":", "\\:") + "\n";
        List<String> args = List.of("--pgBouncer.connectionString=postgres://" + ExporterComponents.MONITOR_USER + "@" + pooler + ":"
                + PoolerComponents.POOLER_PORT + "/pgbouncer?sslmode=disable", "--web.listen-address=:" + METRICS_PORT);
        ContainerSpec spec = new ContainerSpec(exporterContainer(db), s.profile().monitoring().poolerExporterImage(), args,
                Map.of("PGPASSFILE", PASSFILE), Map.of(), List.of(), List.of(), s.network(),
                List.of(new ContainerFile(PASSFILE, line.getBytes(StandardCharsets.UTF_8), 0600, true, false, IMAGE_USER)), "SIGTERM", null);
        return List.of(DesiredComponent.of(s.serviceId(), ComponentRole.POOLER_EXPORTER, spec, List.of(pooler), new RunningCheck(), null,
                "monitoring").withImageField("monitoring.poolerExporterImage"));
    }

    public static String exporterContainer(DatabaseProfile db) {
        return db.poolerContainer() + "-exporter";
    }

    @Override
    public List<String> containerNames(String serviceId, ServiceProfile service) {
        return service.database() == null ? List.of() : List.of(exporterContainer(service.database()));
    }

    @Override
    public List<String> volumeNames(String serviceId, ServiceProfile service) {
        return List.of();
    }
}
