package org.kaspa.aio.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.profile.PasswordGenerator;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.profile.SecretsStore;
import org.kaspa.aio.provision.DesiredState;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The compose export of the monitoring stack (ComposeExportIT runs the database part under docker-compose). */
class ComposeFileTest {
    @Test
    void theMonitoringStackWaitsForHealthyDatabasesAndStartedExportersWithNoPasswordInTheFile() throws Exception {
        ServiceCatalog catalog = ServiceCatalog.load();
        Profile p = Profile.defaults(catalog);
        Secrets s = SecretsStore.completeFor(p, new Secrets(Map.of()), new PasswordGenerator());
        ComposeFile compose = ComposeFile.render(DesiredState.of(p, s, catalog), "1000:1000");
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(compose.yaml());
        assertEquals("service_healthy", doc.at("/services/k-social-db-exporter/depends_on/k-social-db/condition").asText());
        assertEquals("service_started", doc.at("/services/kaspa-aio-prometheus/depends_on/k-social-db-exporter/condition").asText(),
                "an exporter has no health check to wait for");
        assertEquals("\"127.0.0.1:9090:9090\"".replace("\"", ""), doc.at("/services/kaspa-aio-prometheus/ports/0").asText());
        assertTrue(compose.files().containsKey("files/kaspa-aio-prometheus/etc/prometheus/rules/kaspa-aio.yml"));
        assertTrue(compose.files().keySet().stream().anyMatch(f -> f.startsWith("files/kaspa-aio-grafana/etc/grafana/dashboards/")));
        for (String pw : java.util.List.of(s.monitorPassword("k-indexer").orElseThrow(), s.password(SecretsStore.GRAFANA).orElseThrow())) {
            assertFalse(compose.yaml().contains(pw));
        }
        // the pooler exporter's password file must belong to the program's user: compose cannot chown a mounted
        // file, so the program runs as the exporting user, who owns the file, written owner-only
        JsonNode poolerExporter = doc.at("/services/k-social-db-pooler-exporter");
        assertEquals("1000:1000", poolerExporter.path("user").asText(), poolerExporter.toString());
        assertTrue(compose.files().get("secrets/k-social-db-pooler-exporter-pgpass").ownerOnly());
        assertFalse(compose.files().get("secrets/k-social-db-exporter-monitor-password").ownerOnly(), "read by nobody in its container");
        assertTrue(doc.at("/services/k-social-db-exporter/user").isMissingNode());
        assertEquals("k-social-db-data:/volumes/k-social-db:ro", doc.at("/services/kaspa-aio-volume-exporter/volumes/0").asText());
        // compose substitutes $NAME in values: a regular expression's end is written $$ so that it reaches the program
        assertTrue(doc.at("/services/kaspa-aio-volume-exporter/command/2").asText().endsWith("|tracefs)$$"),
                doc.at("/services/kaspa-aio-volume-exporter/command").toString());
    }

    @Test
    void backupsExportTheAgentAndTheArchivingDatabase() throws Exception {
        ServiceCatalog catalog = ServiceCatalog.load();
        Profile p = Profile.defaults(catalog).withMonitoring(null);
        Secrets s = SecretsStore.completeFor(p, new Secrets(Map.of()), new PasswordGenerator());
        ComposeFile compose = ComposeFile.render(DesiredState.of(p, s, catalog), "1000:1000");
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(compose.yaml());
        JsonNode agent = doc.at("/services/k-social-db-backup");
        assertEquals("service_healthy", agent.at("/depends_on/k-social-db/condition").asText(), agent.toString());
        assertEquals("k-social-db-data-backups:/backups", agent.at("/volumes/0").asText());
        assertEquals("0 3 * * *", agent.at("/environment/KASPA_AIO_SCHEDULE").asText());
        assertEquals("k-social-db-data-backups:/backups", doc.at("/services/k-social-db/volumes/1").asText(), "the server archives there");
        assertTrue(compose.files().containsKey("files/k-social-db/usr/local/lib/kaspa-aio/archive-wal.sh"));
        assertTrue(compose.files().containsKey("files/k-social-db-backup/usr/local/lib/kaspa-aio/backup-agent.sh"));
        assertFalse(compose.yaml().contains(s.replicationPassword("k-indexer").orElseThrow()));
        assertTrue(doc.at("/volumes/k-social-db-data-backups").isObject());
    }
}
