package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.ContainerInfo;
import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.PublishedPort;
import org.kaspa.aio.engine.VolumeMount;
import org.kaspa.aio.health.HttpReadinessCheck;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.MonitoringProfile;
import org.kaspa.aio.profile.Profile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Prometheus role: one {@code kaspa-aio-prometheus} for the installation, its data on its own volume,
 * scraping every database's exporter by container name and evaluating {@link AlertRules}. The image only
 * has to run {@code prometheus} with the flags given (prom/prometheus's contract: entrypoint
 * /bin/prometheus); kaspa-aio copies its configuration and rule files in and reloads it with SIGHUP.
 */
public final class PrometheusComponents implements SharedComponentSource {
    public static final String CONTAINER = MonitoringProfile.PROMETHEUS_CONTAINER;
    public static final String VOLUME = "kaspa-aio-prometheus-data";
    public static final int PORT = MonitoringProfile.PROMETHEUS_CONTAINER_PORT;
    static final String CONFIG_PATH = "/etc/prometheus/prometheus.yml";
    static final String RULES_PATH = "/etc/prometheus/rules/kaspa-aio.yml";
    /** How often exporters are scraped and rules evaluated. */
    static final String INTERVAL = "10s";

    @Override
    public List<DesiredComponent> components(SharedContext s) {
        Profile profile = s.profile();
        if (!profile.monitored() || profile.enabledDatabases().isEmpty()) {
            return List.of();
        }
        MonitoringProfile m = profile.monitoring();
        List<String> exporters = new ArrayList<>(List.of(VolumeExporterComponents.CONTAINER));
        profile.enabledDatabases().values().forEach(db -> {
            exporters.add(ExporterComponents.exporterContainer(db));
            if (db.pooled()) {
                exporters.add(PoolerExporterComponents.exporterContainer(db));
            }
        });
        String config = config(profile);
        List<ContainerFile> files = List.of(
                new ContainerFile(CONFIG_PATH, config.getBytes(StandardCharsets.UTF_8), 0444, false, true),
                new ContainerFile(RULES_PATH, AlertRules.ruleFile().getBytes(StandardCharsets.UTF_8), 0444, false, true));
        String bind = profile.bindAddress();
        ContainerSpec spec = new ContainerSpec(CONTAINER, m.prometheus().image(), List.of("--config.file=" + CONFIG_PATH,
                "--storage.tsdb.path=/prometheus", "--storage.tsdb.retention.time=" + m.prometheus().retentionDays() + "d",
                "--web.enable-lifecycle"), Map.of(), Map.of(), List.of(new PublishedPort(bind, m.prometheus().port(), PORT)),
                List.of(new VolumeMount(VOLUME, "/prometheus")), s.network(), files, "SIGTERM", null);
        // a remote engine's loopback is reached through a database container, which every install has here
        String relay = profile.enabledDatabases().values().iterator().next().container();
        return List.of(DesiredComponent.of(org.kaspa.aio.provision.Labels.SHARED, ComponentRole.PROMETHEUS, spec, exporters,
                new HttpReadinessCheck(s.ports().reach(relay, CONTAINER, PORT, bind, m.prometheus().port()), "/-/ready"), null,
                "monitoring.prometheus").withLive(new Reload()));
    }

    /**
     * The scrape configuration: every enabled database's exporter (job {@code postgres}) and every enabled
     * pooler's (job {@code pgbouncer}), labelled with the service and the database's container. A label the
     * pgbouncer exporter sets itself ({@code database}: PgBouncer's name for it) becomes {@code exported_database}.
     * The volume exporter's filesystems (job {@code volumes}) get the database label from their mount point;
     * the backup agents' metrics it serves carry their service and database labels themselves.
     */
    static String config(Profile profile) {
        StringBuilder y = new StringBuilder("# Written by kaspa-aio from profile.json (monitoring); replaced on every apply.\n");
        y.append("global:\n  scrape_interval: ").append(INTERVAL).append("\n  evaluation_interval: ").append(INTERVAL).append('\n');
        y.append("rule_files:\n  - ").append(RULES_PATH).append('\n');
        y.append("scrape_configs:\n  - job_name: postgres\n    static_configs:\n");
        profile.enabledDatabases().forEach((id, db) -> target(y, ExporterComponents.exporterContainer(db), ExporterComponents.METRICS_PORT, id, db));
        if (profile.enabledDatabases().values().stream().anyMatch(DatabaseProfile::pooled)) {
            y.append("  - job_name: pgbouncer\n    static_configs:\n");
            profile.enabledDatabases().forEach((id, db) -> {
                if (db.pooled()) {
                    target(y, PoolerExporterComponents.exporterContainer(db), PoolerExporterComponents.METRICS_PORT, id, db);
                }
            });
        }
        // the volume exporter's filesystems, each named after the database whose volume is mounted there
        y.append("  - job_name: volumes\n    static_configs:\n      - targets: [\"").append(VolumeExporterComponents.CONTAINER).append(':')
                .append(VolumeExporterComponents.METRICS_PORT).append("\"]\n    metric_relabel_configs:\n")
                .append("      - source_labels: [__name__, mountpoint]\n        regex: \"node_filesystem_.+;").append(VolumeExporterComponents.MOUNT_ROOT)
                .append(".+|kaspa_aio_backup_.+;\"\n        action: keep\n")
                .append("      - source_labels: [mountpoint]\n        regex: \"").append(VolumeExporterComponents.MOUNT_ROOT).append("(.+)\"\n")
                .append("        target_label: database\n");
        return y.toString();
    }

    private static void target(StringBuilder y, String container, int port, String serviceId, DatabaseProfile db) {
        y.append("      - targets: [\"").append(container).append(':').append(port).append("\"]\n        labels:\n          service: \"")
                .append(serviceId).append("\"\n          database: \"").append(db.container()).append("\"\n");
    }

    /** Prometheus re-reads its configuration and rules on SIGHUP; nothing it takes needs a restart. */
    private static final class Reload implements LiveReconfiguration {
        @Override
        public void check(DockerEngine engine, Optional<ContainerInfo> current) {
            // the files are ours and fixed in shape; Prometheus itself refuses a bad one on reload, keeping the last good
        }

        @Override
        public Change compare(DockerEngine engine, ContainerInfo current) {
            return new Change(List.of("scrape targets and alert rules"), List.of());
        }

        @Override
        public void reload(DockerEngine engine, String containerId) {
            var r = engine.exec(containerId, List.of("kill", "-HUP", "1"));
            if (r.exitCode() != 0) {
                throw new ApplyException("reloading Prometheus failed: " + PrimaryShell.firstLine(r));
            }
        }
    }

    @Override
    public List<String> containerNames(Profile profile) {
        return List.of(CONTAINER);
    }

    @Override
    public List<String> volumeNames(Profile profile) {
        return List.of(VOLUME);
    }
}
