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
 * The exporter role: with monitoring on, a PostgreSQL exporter per database, {@code <database container>-exporter},
 * on the kaspa-aio network only (Prometheus scrapes {@code <container>-exporter:9187}). It logs in as the
 * monitoring role ({@link #MONITOR_USER}: pg_monitor, nothing else), its password in a file the image reads
 * through {@code DATA_SOURCE_PASS_FILE} (the postgres_exporter image's contract), never in its environment.
 */
public final class ExporterComponents implements ComponentSource {
    public static final String MONITOR_USER = "kaspa_aio_monitor";
    public static final int METRICS_PORT = 9187;
    static final String PASSWORD_FILE = "/run/secrets/kaspa-aio/monitor-password";
    static final String QUERIES_FILE = "/etc/kaspa-aio/exporter-queries.yaml";
    /**
     * What the exporter's built-in collectors leave out: the WAL position (the dashboards' WAL rate is its rate),
     * on a replica its replay position. postgres_exporter's --extend.query-path format; the metric is
     * {@code pg_wal_position_bytes}.
     */
    static final String QUERIES = """
            # Written by kaspa-aio (ExporterComponents); replaced on every apply.
            pg_wal_position:
              query: "SELECT pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END, '0/0') AS bytes"
              metrics:
                - bytes:
                    usage: "COUNTER"
                    description: "WAL written (replayed, on a replica) since the cluster was created, in bytes"
            """;

    @Override
    public List<DesiredComponent> components(ServiceContext s) {
        DatabaseProfile db = s.service().database();
        if (db == null || !s.profile().monitored()) {
            return List.of();
        }
        String password = s.secrets().monitorPassword(s.serviceId()).orElseThrow();
        Map<String, String> env = Map.of(
                "DATA_SOURCE_URI", db.container() + ":" + DatabaseComponents.POSTGRES_PORT + "/" + db.name() + "?sslmode=disable",
                "DATA_SOURCE_USER", MONITOR_USER,
                "DATA_SOURCE_PASS_FILE", PASSWORD_FILE);
        ContainerSpec spec = new ContainerSpec(exporterContainer(db), s.profile().monitoring().exporterImage(),
                List.of("--extend.query-path=" + QUERIES_FILE), env, Map.of(), List.of(), List.of(), s.network(),
                List.of(new ContainerFile(PASSWORD_FILE, password.getBytes(StandardCharsets.UTF_8), 0444, true),
                        new ContainerFile(QUERIES_FILE, QUERIES.getBytes(StandardCharsets.UTF_8), 0444, false)),
                "SIGTERM", null);
        return List.of(DesiredComponent.of(s.serviceId(), ComponentRole.EXPORTER, spec, List.of(db.container()), new RunningCheck(), null,
                "monitoring").withImageField("monitoring.exporterImage"));
    }

    public static String exporterContainer(DatabaseProfile db) {
        return db.container() + "-exporter";
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
