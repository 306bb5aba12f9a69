package org.kaspa.aio.profile;

/**
 * The monitoring stack (profile.json's top-level {@code monitoring}; field names are its keys): a
 * PostgreSQL exporter per database, one Prometheus scraping them with the alert rules, and, unless left
 * out, one Grafana with a dashboard per database. Ports are published on the bind address like the
 * databases'.
 */
public record MonitoringProfile(boolean enabled, String exporterImage, String poolerExporterImage, String volumeExporterImage,
                                Prometheus prometheus, Grafana grafana) {
    public static final String DEFAULT_EXPORTER_IMAGE = "quay.io/prometheuscommunity/postgres-exporter:v0.15.0";
    /** The PgBouncer exporter, run beside each enabled pooler (entrypoint /bin/pgbouncer_exporter, user nobody, port 9127). */
    public static final String DEFAULT_POOLER_EXPORTER_IMAGE = "prometheuscommunity/pgbouncer-exporter:v0.9.0";
    /** Prometheus's node exporter, reporting the filesystems of the databases' volumes (entrypoint /bin/node_exporter, user nobody, port 9100). */
    public static final String DEFAULT_VOLUME_EXPORTER_IMAGE = "prom/node-exporter:v1.8.1";
    public static final String DEFAULT_PROMETHEUS_IMAGE = "prom/prometheus:v2.53.0";
    public static final String DEFAULT_GRAFANA_IMAGE = "grafana/grafana:11.1.0";
    /** Prometheus's container, its name on the kaspa-aio network too, and the port it listens on inside it. */
    public static final String PROMETHEUS_CONTAINER = "kaspa-aio-prometheus";
    public static final int PROMETHEUS_CONTAINER_PORT = 9090;

    /** {@code retentionDays}: how long Prometheus keeps samples (its --storage.tsdb.retention.time). */
    public record Prometheus(String image, int port, int retentionDays) {
    }

    public record Grafana(boolean enabled, String image, int port) {
    }

    /** {@code poolerExporterImage} and {@code volumeExporterImage} came after version 5's first files: absent, they are the defaults. */
    public MonitoringProfile {
        if (poolerExporterImage == null) {
            poolerExporterImage = DEFAULT_POOLER_EXPORTER_IMAGE;
        }
        if (volumeExporterImage == null) {
            volumeExporterImage = DEFAULT_VOLUME_EXPORTER_IMAGE;
        }
    }

    /** What a new {@code init} writes: on, Grafana too, the maintained public images, ports 9090 and 3000, 15 days. */
    public static MonitoringProfile defaults() {
        return new MonitoringProfile(true, DEFAULT_EXPORTER_IMAGE, DEFAULT_POOLER_EXPORTER_IMAGE, DEFAULT_VOLUME_EXPORTER_IMAGE, new Prometheus(DEFAULT_PROMETHEUS_IMAGE, 9090, 15),
                new Grafana(true, DEFAULT_GRAFANA_IMAGE, 3000));
    }

    public MonitoringProfile withEnabled(boolean on) {
        return new MonitoringProfile(on, exporterImage, poolerExporterImage, volumeExporterImage, prometheus, grafana);
    }

    /** Whether Grafana runs: monitoring on and Grafana not left out. */
    public boolean grafanaRuns() {
        return enabled && grafana.enabled();
    }
}
