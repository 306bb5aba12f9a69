package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.engine.PublishedPort;
import org.kaspa.aio.engine.VolumeMount;
import org.kaspa.aio.health.HttpReadinessCheck;
import org.kaspa.aio.profile.MonitoringProfile;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.SecretsStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Grafana role: one {@code kaspa-aio-grafana}, its state on its own volume, provisioned from files
 * kaspa-aio copies in (the Prometheus data source and a dashboard per database, {@link GrafanaProvisioning}),
 * anonymous access off, the admin password read from a file through Grafana's {@code __FILE} variables
 * (never in its environment or {@code docker inspect}).
 */
public final class GrafanaComponents implements SharedComponentSource {
    public static final String CONTAINER = "kaspa-aio-grafana";
    public static final String VOLUME = "kaspa-aio-grafana-data";
    public static final int PORT = 3000;
    static final String PROVISIONING = "/etc/grafana/provisioning";
    static final String ADMIN_PASSWORD_FILE = "/run/secrets/kaspa-aio/grafana-admin-password";

    @Override
    public List<DesiredComponent> components(SharedContext s) {
        Profile profile = s.profile();
        if (!profile.monitored() || !profile.monitoring().grafanaRuns() || profile.enabledDatabases().isEmpty()) {
            return List.of();
        }
        MonitoringProfile m = profile.monitoring();
        String password = s.secrets().password(SecretsStore.GRAFANA).orElseThrow();
        List<ContainerFile> files = new ArrayList<>();
        files.add(new ContainerFile(PROVISIONING + "/datasources/kaspa-aio.yml", GrafanaProvisioning.datasource().getBytes(StandardCharsets.UTF_8), 0444, false));
        files.add(new ContainerFile(PROVISIONING + "/dashboards/kaspa-aio.yml", GrafanaProvisioning.dashboardProvider().getBytes(StandardCharsets.UTF_8),
                0444, false));
        profile.enabledDatabases().forEach((id, db) -> files.add(new ContainerFile(GrafanaProvisioning.DASHBOARDS_DIR + "/" + db.container() + ".json",
                GrafanaProvisioning.dashboard(id, db).getBytes(StandardCharsets.UTF_8), 0444, false)));
        files.add(new ContainerFile(ADMIN_PASSWORD_FILE, password.getBytes(StandardCharsets.UTF_8), 0444, true));
        Map<String, String> env = Map.of(
                "GF_SECURITY_ADMIN_USER", "admin",
                "GF_SECURITY_ADMIN_PASSWORD__FILE", ADMIN_PASSWORD_FILE,
                "GF_AUTH_ANONYMOUS_ENABLED", "false",
                "GF_PATHS_PROVISIONING", PROVISIONING,
                "GF_ANALYTICS_REPORTING_ENABLED", "false");
        String bind = profile.bindAddress();
        ContainerSpec spec = new ContainerSpec(CONTAINER, m.grafana().image(), List.of(), env, Map.of(),
                List.of(new PublishedPort(bind, m.grafana().port(), PORT)), List.of(new VolumeMount(VOLUME, "/var/lib/grafana")),
                s.network(), files, "SIGTERM", null);
        String relay = profile.enabledDatabases().values().iterator().next().container();
        return List.of(DesiredComponent.of(Labels.SHARED, ComponentRole.GRAFANA, spec, List.of(PrometheusComponents.CONTAINER),
                new HttpReadinessCheck(s.ports().reach(relay, CONTAINER, PORT, bind, m.grafana().port()), "/api/health"), null,
                "monitoring.grafana"));
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
