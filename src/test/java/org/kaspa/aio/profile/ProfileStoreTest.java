package org.kaspa.aio.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kaspa.aio.catalog.ServiceCatalog;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ProfileStoreTest {
    private final ServiceCatalog catalog = ServiceCatalog.load();
    private final ProfileStore store = new ProfileStore(catalog);

    /** The exact shape DESIGN §2 documents, which other tools depend on. */
    private static final String DESIGN_PROFILE = """
            { "schemaVersion": 1, "bindAddress": "127.0.0.1",
              "services": {
                "k-indexer":            { "enabled": true, "database": { "container": "k-social-db", "image": "timescale/timescaledb:latest-pg16", "name": "ksocial", "user": "k_social_user", "port": 5433, "volume": "k-social-db-data" } },
                "simply-kaspa-indexer": { "enabled": true, "database": { "container": "simply-kaspa-db", "image": "timescale/timescaledb:latest-pg16", "name": "simply_kaspa", "user": "simply_kaspa_user", "port": 5434, "volume": "simply-kaspa-db-data" } },
                "kasia-indexer":        { "enabled": true, "storage": { "volume": "kasia-indexer-data" } } } }
            """;

    @Test
    void defaultsAreTheDesignTableInTheDocumentedShape() throws Exception {
        ObjectMapper m = new ObjectMapper();
        // the design's shape, at the current schema version; the design's own version-1 text reads the same
        String pooler = ", \"pooler\": { \"enabled\": true, \"image\": \"edoburu/pgbouncer:v1.22.1\", \"port\": %d, \"poolMode\": \"transaction\", "
                + "\"maxClientConnections\": 1000, \"defaultPoolSize\": 20 }, \"replicas\": { \"count\": 0, \"ports\": [%d] }, "
                + "\"backups\": { \"enabled\": true, \"schedule\": \"0 3 * * *\", \"keepBase\": 7, \"pointInTime\": true, \"volume\": \"%s-backups\" }";
        String monitoring = "\"monitoring\": { \"enabled\": true, \"exporterImage\": \"quay.io/prometheuscommunity/postgres-exporter:v0.15.0\", "
                + "\"poolerExporterImage\": \"prometheuscommunity/pgbouncer-exporter:v0.9.0\", "
                + "\"volumeExporterImage\": \"prom/node-exporter:v1.8.1\", "
                + "\"prometheus\": { \"image\": \"prom/prometheus:v2.53.0\", \"port\": 9090, \"retentionDays\": 15 }, "
                + "\"grafana\": { \"enabled\": true, \"image\": \"grafana/grafana:11.1.0\", \"port\": 3000 } }, ";
        assertEquals(m.readTree(DESIGN_PROFILE.replace("\"schemaVersion\": 1", "\"schemaVersion\": 6")
                        .replace("\"services\"", monitoring + "\"services\"")
                        .replace("\"k-social-db-data\" }", "\"k-social-db-data\", \"settings\": {}" + pooler.formatted(6433, 5443, "k-social-db-data") + " }")
                        .replace("\"simply-kaspa-db-data\" }", "\"simply-kaspa-db-data\", \"settings\": {}" + pooler.formatted(6434, 5444, "simply-kaspa-db-data") + " }")),
                m.readTree(store.toJson(Profile.defaults(catalog))), "a new install: both poolers on, backups on");
        assertEquals(Profile.defaults(catalog).withoutPoolers().withMonitoring(null).withBackups(false), store.parse(DESIGN_PROFILE),
                "an older file: no pooler, no monitoring, backups off");
    }

    @Test
    void aVersion5FileWrittenBeforeThePoolerAndVolumeExportersGetsTheirDefaultImagesAndAnUnknownKeyIsNamed() {
        String json = store.toJson(Profile.defaults(catalog));
        String older = json.replaceAll("\"(pooler|volume)ExporterImage\"\\s*:\\s*\"[^\"]*\"\\s*,", "");
        assertFalse(older.contains("ExporterImage\": \"p"), older);
        assertEquals(MonitoringProfile.DEFAULT_POOLER_EXPORTER_IMAGE, store.parse(older).monitoring().poolerExporterImage());
        assertEquals(MonitoringProfile.DEFAULT_VOLUME_EXPORTER_IMAGE, store.parse(older).monitoring().volumeExporterImage());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> store.parse(json.replace("\"poolerExporterImage\"", "\"poolerExporterImages\"")));
        assertTrue(e.getMessage().contains("monitoring.poolerExporterImages"), e.getMessage());
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path dir) throws Exception {
        Profile p = Profile.defaults(catalog).withBindAddress("0.0.0.0");
        store.write(dir.resolve("profile.json"), p);
        assertEquals(p, store.read(dir.resolve("profile.json")));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    private InvalidInputException fails(String json) {
        return assertThrows(InvalidInputException.class, () -> store.parse(json));
    }

    @Test
    void aVersionOneFileIsMigratedAndTheOldOneKeptBesideIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("profile.json");
        java.nio.file.Files.writeString(file, DESIGN_PROFILE);
        assertEquals(1, store.storedVersion(file));
        Path copy = store.migrate(file);
        assertEquals(dir.resolve("profile.v1.json"), copy);
        assertEquals(DESIGN_PROFILE, java.nio.file.Files.readString(copy), "the old file, byte for byte");
        assertEquals(Profile.SCHEMA_VERSION, store.storedVersion(file));
        assertEquals(Profile.defaults(catalog).withoutPoolers().withMonitoring(null).withBackups(false), store.read(file),
                "migrated: no pooler, no monitoring, backups off (migrating turns nothing on)");
        assertNull(store.migrate(file), "a current file is left alone");

        Profile chosen = Profile.defaults(catalog).withEngine(new EngineChoice("unix:///run/podman/podman.sock", false));
        store.write(file, chosen);
        assertEquals(chosen, store.read(file));
        assertTrue(java.nio.file.Files.readString(file).contains("\"engine\""));
    }

    @Test
    void unknownKeysAreErrorsWithTheirPath() {
        assertEquals("services.kasia-indexer.storage.path",
                fails(DESIGN_PROFILE.replace("\"volume\": \"kasia-indexer-data\"", "\"volume\": \"kasia-indexer-data\", \"path\": \"/x\"")).path());
        assertEquals("extra", fails(DESIGN_PROFILE.replaceFirst("\\{", "{ \"extra\": 1,")).path());
    }

    @Test
    void missingKeysAndWrongTypesAreErrors() {
        InvalidInputException e = fails(DESIGN_PROFILE.replace("\"port\": 5433, ", ""));
        assertEquals("profile.json: services.k-indexer.database.port: is required", e.getMessage());
        assertEquals("must be true or false", fails(DESIGN_PROFILE.replaceFirst("\"enabled\": true", "\"enabled\": \"yes\"")).rule());
        assertEquals("must be between 1 and 6 (got 7)", fails(DESIGN_PROFILE.replace("\"schemaVersion\": 1", "\"schemaVersion\": 7")).rule());
        assertEquals("engine: unknown key (allowed: bindAddress, schemaVersion, services)",
                fails(DESIGN_PROFILE.replace("\"bindAddress\"", "\"engine\": {}, \"bindAddress\"")).getMessage().substring("profile.json: ".length()),
                "version 1 knew no engine");
        assertEquals("services.k-indexer.database.port", fails(DESIGN_PROFILE.replace("5433", "5433.5")).path());
    }

    @Test
    void malformedAndDuplicateKeysAreErrors() {
        assertTrue(fails("{ \"schemaVersion\": 1,").getMessage().startsWith("profile.json: malformed JSON at line 1"));
        assertTrue(fails("{ \"schemaVersion\": 1, \"schemaVersion\": 1 }").rule().contains("Duplicate field"));
        assertEquals("must be a JSON object", fails("[]").rule());
    }

    @Test
    void anOmittedServiceIsNotInstalled() {
        Profile p = store.parse(DESIGN_PROFILE.replaceAll("(?s),\\s*\"kasia-indexer\".*\\} \\} \\}", " } }"));
        assertEquals(2, p.services().size());
        assertEquals(2, p.enabledDatabases().size());
    }

    private static final String V3_RESOURCES = "\"volume\": \"simply-kaspa-db-data\", \"resources\": { \"memoryMb\": 2048, \"cpus\": 1.5 }, "
            + "\"settings\": { \"work_mem\": \"16MB\", \"max_connections\": 200, \"jit\": false }";

    @Test
    void versionThreeCarriesResourcesAndSettingsPerDatabase(@TempDir Path dir) throws Exception {
        Profile p = store.parse(DESIGN_PROFILE.replace("\"schemaVersion\": 1", "\"schemaVersion\": 3")
                .replace("\"volume\": \"simply-kaspa-db-data\"", V3_RESOURCES));
        DatabaseProfile db = p.service("simply-kaspa-indexer").database();
        assertEquals(new DatabaseResources(2048, 1.5), db.resources());
        assertEquals(java.util.Map.of("work_mem", "16MB", "max_connections", "200", "jit", "false"), db.settings());
        assertNull(p.service("k-indexer").database().resources(), "not sized yet: apply sizes it from the engine");
        store.write(dir.resolve("profile.json"), p);
        assertEquals(p, store.read(dir.resolve("profile.json")));
    }

    @Test
    void olderVersionsKnewNoResourcesAndBadShapesAreRefusedWithTheirPath() {
        String v2 = DESIGN_PROFILE.replace("\"schemaVersion\": 1", "\"schemaVersion\": 2");
        assertEquals("services.simply-kaspa-indexer.database.resources",
                fails(v2.replace("\"volume\": \"simply-kaspa-db-data\"", V3_RESOURCES)).path(), "version 2 knew no resources");
        String v3 = DESIGN_PROFILE.replace("\"schemaVersion\": 1", "\"schemaVersion\": 3");
        assertEquals("services.k-indexer.database.resources.cpus: must be a number", fails(v3.replace("\"volume\": \"k-social-db-data\"",
                "\"volume\": \"k-social-db-data\", \"resources\": { \"memoryMb\": 512, \"cpus\": \"two\" }")).getMessage().substring(14));
        assertEquals("services.k-indexer.database.resources.memoryMb", fails(v3.replace("\"volume\": \"k-social-db-data\"",
                "\"volume\": \"k-social-db-data\", \"resources\": { \"cpus\": 1 }")).path());
        assertEquals("services.k-indexer.database.settings.work_mem", fails(v3.replace("\"volume\": \"k-social-db-data\"",
                "\"volume\": \"k-social-db-data\", \"settings\": { \"work_mem\": [1] }")).path());
    }

    @Test
    void versionFourCarriesReadReplicasAndOlderVersionsKnewNone(@TempDir Path dir) throws Exception {
        String v4 = DESIGN_PROFILE.replace("\"schemaVersion\": 1", "\"schemaVersion\": 4");
        String two = "\"volume\": \"k-social-db-data\", \"replicas\": { \"count\": 2, \"ports\": [5443, 5453, 5463] }";
        Profile p = store.parse(v4.replace("\"volume\": \"k-social-db-data\"", two));
        DatabaseProfile db = p.service("k-indexer").database();
        assertEquals(2, db.replicaCount());
        assertEquals(5453, db.replicas().port(2));
        assertEquals("k-social-db-replica-2", db.replicaContainer(2));
        assertEquals("k-social-db-replica-2-data", db.replicaVolume(2));
        assertEquals(0, p.service("simply-kaspa-indexer").database().replicaCount(), "no section: none");
        store.write(dir.resolve("profile.json"), p);
        assertEquals(p, store.read(dir.resolve("profile.json")));
        String v3 = DESIGN_PROFILE.replace("\"schemaVersion\": 1", "\"schemaVersion\": 3");
        assertEquals("services.k-indexer.database.replicas", fails(v3.replace("\"volume\": \"k-social-db-data\"", two)).path(),
                "version 3 knew no replicas");
        assertEquals("services.k-indexer.database.replicas.ports[1]", fails(v4.replace("\"volume\": \"k-social-db-data\"",
                "\"volume\": \"k-social-db-data\", \"replicas\": { \"count\": 1, \"ports\": [5443, \"x\"] }")).path());
        assertEquals("services.k-indexer.database.replicas.ports", fails(v4.replace("\"volume\": \"k-social-db-data\"",
                "\"volume\": \"k-social-db-data\", \"replicas\": { \"count\": 1, \"ports\": 5443 }")).path());
    }

    @Test
    void replicaCountsAndPortsAreValidatedWithTheirPath() {
        Profile base = Profile.defaults(catalog);
        java.util.function.Function<ReplicasProfile, String> problem = r -> assertThrows(InvalidInputException.class,
                () -> ProfileValidator.validate(base.withService("k-indexer", base.service("k-indexer").withDatabase(
                        base.service("k-indexer").database().withReplicas(r))))).getMessage();
        assertTrue(problem.apply(new ReplicasProfile(6, java.util.List.of(1, 2, 3, 4, 5, 6)))
                .contains("services.k-indexer.database.replicas.count: must be between 0 and 5 (got 6)"));
        assertTrue(problem.apply(new ReplicasProfile(2, java.util.List.of(5443)))
                .contains("services.k-indexer.database.replicas.ports: needs a host port for each replica (count 2, 1 port)"));
        assertTrue(problem.apply(new ReplicasProfile(1, java.util.List.of(5433)))
                .contains("services.k-indexer.database.replicas.ports[0]"), "the database's own port is taken");
        assertEquals(java.util.List.of(5443, 5453, 5463), ReplicasProfile.none(5443).withCount(3).ports());
    }
}
