package org.kaspa.aio.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.MonitoringProfile;
import org.kaspa.aio.profile.PasswordGenerator;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.profile.SecretsStore;

import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * No Grafana runs here, so its provisioning files are checked for the structure Grafana's file provisioning
 * documents (datasources: apiVersion 1, name/type/uid/url; providers: a file provider with a path;
 * dashboards: uid, title, schemaVersion, panels with type, gridPos and targets whose data source is the
 * provisioned one). MonitoringIT runs every panel query against the real test Prometheus.
 */
class GrafanaProvisioningTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ServiceCatalog catalog = ServiceCatalog.load();

    @Test
    void theDataSourceAndProviderAreGrafanasProvisioningFormat() throws Exception {
        JsonNode ds = YAML.readTree(GrafanaProvisioning.datasource());
        assertEquals(1, ds.path("apiVersion").asInt());
        JsonNode prom = ds.path("datasources").get(0);
        assertEquals("prometheus", prom.path("type").asText());
        assertEquals(GrafanaProvisioning.DATASOURCE_UID, prom.path("uid").asText());
        assertEquals("http://kaspa-aio-prometheus:9090", prom.path("url").asText());
        JsonNode providers = YAML.readTree(GrafanaProvisioning.dashboardProvider());
        assertEquals("file", providers.at("/providers/0/type").asText());
        assertEquals(GrafanaProvisioning.DASHBOARDS_DIR, providers.at("/providers/0/options/path").asText());
    }

    @Test
    void aDashboardPerDatabaseWithEveryPanelOnTheProvisionedDataSourceAndNoOverlap() throws Exception {
        DatabaseProfile db = Profile.defaults(catalog).service("simply-kaspa-indexer").database();
        JsonNode d = JSON.readTree(GrafanaProvisioning.dashboard("simply-kaspa-indexer", db));
        assertEquals("kaspa-aio-simply-kaspa-db", d.path("uid").asText());
        assertTrue(d.path("schemaVersion").asInt() >= 36);
        assertEquals(DashboardPanels.of(db).size(), d.path("panels").size());
        // panels follow the database's shape: the pooler's with a pooler, the per-replica lag with replicas
        List<String> titles = new java.util.ArrayList<>();
        d.path("panels").forEach(p -> titles.add(p.path("title").asText()));
        assertEquals(db.pooled(), titles.contains("Pooler clients"), titles.toString());
        assertFalse(titles.contains("Replication lag per replica"), titles.toString());
        assertTrue(DashboardPanels.of(db.withReplicas(new org.kaspa.aio.profile.ReplicasProfile(1, List.of(5443)))).stream()
                .anyMatch(p -> p.title().equals("Replication lag per replica")));
        Set<String> cells = new HashSet<>();
        for (JsonNode p : d.path("panels")) {
            assertEquals("timeseries", p.path("type").asText());
            assertEquals(GrafanaProvisioning.DATASOURCE_UID, p.at("/datasource/uid").asText());
            JsonNode g = p.path("gridPos");
            assertTrue(g.path("w").asInt() > 0 && g.path("h").asInt() > 0 && g.path("x").asInt() + g.path("w").asInt() <= 24);
            assertTrue(cells.add(g.path("x").asInt() + "," + g.path("y").asInt()), "panels do not overlap");
            assertTrue(p.path("targets").size() > 0);
            for (JsonNode t : p.path("targets")) {
                assertTrue(t.path("expr").asText().contains("database=\"simply-kaspa-db\""), t.toString());
                assertEquals(GrafanaProvisioning.DATASOURCE_UID, t.at("/datasource/uid").asText());
                assertFalse(t.path("refId").asText().isEmpty());
            }
        }
    }

    @Test
    void grafanaGetsItsAdminPasswordFromAFileAndAnonymousAccessOff() {
        Profile p = Profile.defaults(catalog).withMonitoring(new MonitoringProfile(true, "e", "pe", "ve", new MonitoringProfile.Prometheus("p", 9090, 15),
                new MonitoringProfile.Grafana(true, "g", 3000)));
        Secrets s = SecretsStore.completeFor(p, new Secrets(Map.of()), new PasswordGenerator());
        DesiredComponent grafana = DesiredState.of(p, s, catalog).component(GrafanaComponents.CONTAINER);
        assertEquals("false", grafana.spec().env().get("GF_AUTH_ANONYMOUS_ENABLED"));
        assertEquals(GrafanaComponents.ADMIN_PASSWORD_FILE, grafana.spec().env().get("GF_SECURITY_ADMIN_PASSWORD__FILE"));
        String password = s.password(SecretsStore.GRAFANA).orElseThrow();
        assertFalse(grafana.spec().env().values().stream().anyMatch(v -> v.contains(password)));
        assertTrue(grafana.spec().files().stream().anyMatch(f -> f.secret() && new String(f.content()).equals(password)));
        assertEquals(java.util.List.of(PrometheusComponents.CONTAINER), grafana.dependsOn());
        MonitoringProfile m = p.monitoring();
        Profile without = p.withMonitoring(new MonitoringProfile(true, m.exporterImage(), m.poolerExporterImage(), m.volumeExporterImage(), m.prometheus(), new MonitoringProfile.Grafana(false, "g", 3000)));
        assertTrue(DesiredState.of(without, s, catalog).retired().containsKey(GrafanaComponents.CONTAINER), "left out: removed");
    }
}
