package org.kaspa.aio.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kaspa.aio.catalog.CatalogService;
import org.kaspa.aio.catalog.ServiceCatalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes profile.json in the exact shape of DESIGN §2. Reading is strict: malformed JSON,
 * a duplicate or unknown key, a missing key or a wrong type is an {@link InvalidInputException} naming
 * the JSON path. Value rules (port ranges, identifiers) are {@link ProfileValidator}'s.
 */
public final class ProfileStore {
    static final String SOURCE = "profile.json";
    private static final Set<String> ROOT_KEYS_V1 = Set.of("schemaVersion", "bindAddress", "services");
    private static final Set<String> ROOT_KEYS_V4 = Set.of("schemaVersion", "bindAddress", "services", "engine");
    /** Version 5 added the optional {@code monitoring}. */
    private static final Set<String> ROOT_KEYS = Set.of("schemaVersion", "bindAddress", "services", "engine", "monitoring");
    private static final Set<String> MONITORING_KEYS = Set.of("enabled", "exporterImage", "prometheus", "grafana");
    /** Optional in {@code monitoring}: files written before the pooler exporter had no key for its image. */
    private static final Set<String> MONITORING_ALLOWED = Set.of("enabled", "exporterImage", "poolerExporterImage", "volumeExporterImage",
            "prometheus", "grafana");
    private static final Set<String> PROMETHEUS_KEYS = Set.of("image", "port", "retentionDays");
    private static final Set<String> GRAFANA_KEYS = Set.of("enabled", "image", "port");
    private static final Set<String> ENGINE_KEYS = Set.of("host", "insecure");
    private static final Set<String> SERVICE_KEYS_DB = Set.of("enabled", "database");
    private static final Set<String> SERVICE_KEYS_STORAGE = Set.of("enabled", "storage");
    private static final Set<String> DATABASE_KEYS_V2 = Set.of("container", "image", "name", "user", "port", "volume");
    /** Version 3 added the optional {@code resources} and {@code settings}. */
    private static final Set<String> DATABASE_KEYS_V3 = Set.of("container", "image", "name", "user", "port", "volume", "resources", "settings", "pooler");
    /** Version 4 added the optional {@code replicas}. */
    private static final Set<String> DATABASE_KEYS_V5 = Set.of("container", "image", "name", "user", "port", "volume", "resources", "settings", "pooler", "replicas");
    /** Version 6 added the optional {@code backups}. */
    private static final Set<String> DATABASE_KEYS = Set.of("container", "image", "name", "user", "port", "volume", "resources", "settings", "pooler",
            "replicas", "backups");
    private static final Set<String> BACKUPS_KEYS = Set.of("enabled", "schedule", "keepBase", "pointInTime", "volume");
    private static final Set<String> REPLICAS_KEYS = Set.of("count", "ports");
    private static final Set<String> POOLER_KEYS = Set.of("enabled", "image", "port", "poolMode", "maxClientConnections", "defaultPoolSize");
    private static final Set<String> RESOURCES_KEYS = Set.of("memoryMb", "cpus");
    private static final Set<String> STORAGE_KEYS = Set.of("volume");

    private final ServiceCatalog catalog;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public ProfileStore(ServiceCatalog catalog) {
        this.catalog = catalog;
    }

    public boolean exists(Path file) {
        return Files.exists(file);
    }

    public Profile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(SOURCE, "", "not found at " + file + " (run 'init' first)");
        } catch (IOException e) {
            throw new InvalidInputException(SOURCE, "", "cannot be read: " + e.getMessage());
        }
        return parse(text);
    }

    public Profile parse(String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidInputException(SOURCE, "", "malformed JSON" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(SOURCE, "", "must be a JSON object");
        }
        int schemaVersion = intField(root, "", "schemaVersion");
        if (schemaVersion < 1 || schemaVersion > Profile.SCHEMA_VERSION) {
            throw new InvalidInputException(SOURCE, "schemaVersion",
                    "must be between 1 and " + Profile.SCHEMA_VERSION + " (got " + schemaVersion + ")");
        }
        // each version's keys only: version 1 knew no "engine"
        checkKeys(root, "", schemaVersion == 1 ? ROOT_KEYS_V1 : schemaVersion < 5 ? ROOT_KEYS_V4 : ROOT_KEYS, ROOT_KEYS_V1);
        MonitoringProfile monitoring = null;
        if (root.has("monitoring")) {
            JsonNode m = objectField(root, "", "monitoring");
            checkKeys(m, "monitoring", MONITORING_ALLOWED, MONITORING_KEYS);
            JsonNode p = objectField(m, "monitoring", "prometheus");
            checkKeys(p, "monitoring.prometheus", PROMETHEUS_KEYS, PROMETHEUS_KEYS);
            JsonNode g = objectField(m, "monitoring", "grafana");
            checkKeys(g, "monitoring.grafana", GRAFANA_KEYS, GRAFANA_KEYS);
            monitoring = new MonitoringProfile(booleanField(m, "monitoring", "enabled"), textField(m, "monitoring", "exporterImage"),
                    m.has("poolerExporterImage") ? textField(m, "monitoring", "poolerExporterImage") : null,
                    m.has("volumeExporterImage") ? textField(m, "monitoring", "volumeExporterImage") : null,
                    new MonitoringProfile.Prometheus(textField(p, "monitoring.prometheus", "image"), intField(p, "monitoring.prometheus", "port"),
                            intField(p, "monitoring.prometheus", "retentionDays")),
                    new MonitoringProfile.Grafana(booleanField(g, "monitoring.grafana", "enabled"), textField(g, "monitoring.grafana", "image"),
                            intField(g, "monitoring.grafana", "port")));
        }
        EngineChoice engine = null;
        if (root.has("engine")) {
            JsonNode e = objectField(root, "", "engine");
            checkKeys(e, "engine", ENGINE_KEYS, ENGINE_KEYS);
            JsonNode insecure = e.get("insecure");
            if (!insecure.isBoolean()) {
                throw new InvalidInputException(SOURCE, "engine.insecure", "must be true or false");
            }
            engine = new EngineChoice(textField(e, "engine", "host"), insecure.booleanValue());
        }
        String bindAddress = textField(root, "", "bindAddress");
        JsonNode servicesNode = objectField(root, "", "services");

        Map<String, ServiceProfile> services = new LinkedHashMap<>();
        for (Iterator<String> it = servicesNode.fieldNames(); it.hasNext(); ) {
            String id = it.next();
            String path = "services." + id;
            CatalogService known = catalog.find(id).orElseThrow(() -> new InvalidInputException(SOURCE, path,
                    "unknown service (known: " + String.join(", ", catalog.services().stream().map(CatalogService::id).toList()) + ")"));
            JsonNode node = servicesNode.get(id);
            if (!node.isObject()) {
                throw new InvalidInputException(SOURCE, path, "must be an object");
            }
            services.put(id, parseService(node, path, known, schemaVersion));
        }
        // Catalog order, whatever order the file used, so plans and reports are stable.
        Map<String, ServiceProfile> ordered = new LinkedHashMap<>();
        for (CatalogService s : catalog.services()) {
            if (services.containsKey(s.id())) {
                ordered.put(s.id(), services.get(s.id()));
            }
        }
        // an older file is read as the current version (what it says still means the same)
        return new Profile(Profile.SCHEMA_VERSION, bindAddress, ordered, engine, monitoring);
    }

    private ServiceProfile parseService(JsonNode node, String path, CatalogService known, int schemaVersion) {
        boolean hasDb = known.databaseDefaults().isPresent();
        Set<String> keys = hasDb ? SERVICE_KEYS_DB : SERVICE_KEYS_STORAGE;
        checkKeys(node, path, keys, keys);
        JsonNode enabledNode = node.get("enabled");
        if (!enabledNode.isBoolean()) {
            throw new InvalidInputException(SOURCE, path + ".enabled", "must be true or false");
        }
        if (hasDb) {
            String p = path + ".database";
            JsonNode db = objectField(node, path, "database");
            checkKeys(db, p, schemaVersion < 3 ? DATABASE_KEYS_V2 : schemaVersion < 4 ? DATABASE_KEYS_V3
                    : schemaVersion < 6 ? DATABASE_KEYS_V5 : DATABASE_KEYS, DATABASE_KEYS_V2);
            DatabaseResources resources = null;
            if (db.has("resources")) {
                JsonNode r = objectField(db, p, "resources");
                checkKeys(r, p + ".resources", RESOURCES_KEYS, RESOURCES_KEYS);
                JsonNode cpus = r.get("cpus");
                if (!cpus.isNumber()) {
                    throw new InvalidInputException(SOURCE, p + ".resources.cpus", "must be a number");
                }
                resources = new DatabaseResources(intField(r, p + ".resources", "memoryMb"), cpus.doubleValue());
            }
            Map<String, String> settings = new LinkedHashMap<>();
            if (db.has("settings")) {
                JsonNode s = objectField(db, p, "settings");
                for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    JsonNode v = s.get(name);
                    if (!v.isTextual() && !v.isNumber() && !v.isBoolean()) {
                        throw new InvalidInputException(SOURCE, p + ".settings." + name, "must be a string, a number or true/false");
                    }
                    settings.put(name, v.asText());
                }
            }
            PoolerProfile pooler = null;
            if (db.has("pooler")) {
                String pp = p + ".pooler";
                JsonNode n = objectField(db, p, "pooler");
                checkKeys(n, pp, POOLER_KEYS, POOLER_KEYS);
                if (!n.get("enabled").isBoolean()) {
                    throw new InvalidInputException(SOURCE, pp + ".enabled", "must be true or false");
                }
                pooler = new PoolerProfile(n.get("enabled").booleanValue(), textField(n, pp, "image"), intField(n, pp, "port"),
                        textField(n, pp, "poolMode"), intField(n, pp, "maxClientConnections"), intField(n, pp, "defaultPoolSize"));
            }
            // a file from before version 4 has no replicas: none, with the catalog's port ready for a first one
            ReplicasProfile replicas = ReplicasProfile.none(known.databaseDefaults().get().replicaPort());
            if (db.has("replicas")) {
                String rp = p + ".replicas";
                JsonNode n = objectField(db, p, "replicas");
                checkKeys(n, rp, REPLICAS_KEYS, REPLICAS_KEYS);
                JsonNode list = n.get("ports");
                if (!list.isArray()) {
                    throw new InvalidInputException(SOURCE, rp + ".ports", "must be a list of port numbers");
                }
                java.util.List<Integer> ports = new java.util.ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    if (!list.get(i).canConvertToInt() || !list.get(i).isIntegralNumber()) {
                        throw new InvalidInputException(SOURCE, rp + ".ports[" + i + "]", "must be a whole number");
                    }
                    ports.add(list.get(i).intValue());
                }
                replicas = new ReplicasProfile(intField(n, rp, "count"), ports);
            }
            // a file from before version 6 has no backups: off (migrating turns nothing on), ready to be turned on
            BackupsProfile backups = BackupsProfile.off(textField(db, p, "volume"));
            if (db.has("backups")) {
                String bp = p + ".backups";
                JsonNode n = objectField(db, p, "backups");
                checkKeys(n, bp, BACKUPS_KEYS, BACKUPS_KEYS);
                backups = new BackupsProfile(booleanField(n, bp, "enabled"), textField(n, bp, "schedule"), intField(n, bp, "keepBase"),
                        booleanField(n, bp, "pointInTime"), textField(n, bp, "volume"));
            }
            return new ServiceProfile(enabledNode.booleanValue(), new DatabaseProfile(
                    textField(db, p, "container"), textField(db, p, "image"), textField(db, p, "name"),
                    textField(db, p, "user"), intField(db, p, "port"), textField(db, p, "volume"), resources, settings, pooler,
                    replicas, backups), null);
        }
        String p = path + ".storage";
        JsonNode st = objectField(node, path, "storage");
        checkKeys(st, p, STORAGE_KEYS, STORAGE_KEYS);
        return new ServiceProfile(enabledNode.booleanValue(), null, new StorageProfile(textField(st, p, "volume")));
    }

    private static void checkKeys(JsonNode node, String path, Set<String> allowed, Set<String> required) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new InvalidInputException(SOURCE, join(path, key),
                        "unknown key (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
        for (String key : required.stream().sorted().toList()) {
            if (!node.has(key)) {
                throw new InvalidInputException(SOURCE, join(path, key), "is required");
            }
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static JsonNode objectField(JsonNode node, String path, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isObject()) {
            throw new InvalidInputException(SOURCE, join(path, key), "must be an object");
        }
        return v;
    }

    private static String textField(JsonNode node, String path, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual()) {
            throw new InvalidInputException(SOURCE, join(path, key), "must be a string");
        }
        return v.textValue();
    }

    private static boolean booleanField(JsonNode node, String path, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isBoolean()) {
            throw new InvalidInputException(SOURCE, join(path, key), "must be true or false");
        }
        return v.booleanValue();
    }

    private static int intField(JsonNode node, String path, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidInputException(SOURCE, join(path, key), "must be a whole number");
        }
        return v.intValue();
    }

    public String toJson(Profile profile) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", profile.schemaVersion());
        root.put("bindAddress", profile.bindAddress());
        if (profile.engine() != null) {
            root.putObject("engine").put("host", profile.engine().host()).put("insecure", profile.engine().insecure());
        }
        if (profile.monitoring() != null) {
            MonitoringProfile m = profile.monitoring();
            ObjectNode n = root.putObject("monitoring").put("enabled", m.enabled()).put("exporterImage", m.exporterImage())
                    .put("poolerExporterImage", m.poolerExporterImage()).put("volumeExporterImage", m.volumeExporterImage());
            n.putObject("prometheus").put("image", m.prometheus().image()).put("port", m.prometheus().port())
                    .put("retentionDays", m.prometheus().retentionDays());
            n.putObject("grafana").put("enabled", m.grafana().enabled()).put("image", m.grafana().image()).put("port", m.grafana().port());
        }
        ObjectNode services = root.putObject("services");
        profile.services().forEach((id, s) -> {
            ObjectNode node = services.putObject(id);
            node.put("enabled", s.enabled());
            if (s.database() != null) {
                DatabaseProfile d = s.database();
                ObjectNode db = node.putObject("database");
                db.put("container", d.container());
                db.put("image", d.image());
                db.put("name", d.name());
                db.put("user", d.user());
                db.put("port", d.port());
                db.put("volume", d.volume());
                if (d.resources() != null) {
                    db.putObject("resources").put("memoryMb", d.resources().memoryMb()).put("cpus", d.resources().cpus());
                }
                ObjectNode settings = db.putObject("settings");
                d.settings().forEach(settings::put);
                if (d.pooler() != null) {
                    PoolerProfile pl = d.pooler();
                    db.putObject("pooler").put("enabled", pl.enabled()).put("image", pl.image()).put("port", pl.port())
                            .put("poolMode", pl.poolMode()).put("maxClientConnections", pl.maxClientConnections())
                            .put("defaultPoolSize", pl.defaultPoolSize());
                }
                if (d.replicas() != null) {
                    ObjectNode r = db.putObject("replicas").put("count", d.replicas().count());
                    d.replicas().ports().forEach(r.putArray("ports")::add);
                }
                if (d.backups() != null) {
                    BackupsProfile b = d.backups();
                    db.putObject("backups").put("enabled", b.enabled()).put("schedule", b.schedule()).put("keepBase", b.keepBase())
                            .put("pointInTime", b.pointInTime()).put("volume", b.volume());
                }
            }
            if (s.storage() != null) {
                node.putObject("storage").put("volume", s.storage().volume());
            }
        });
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The schemaVersion a file says, without checking the rest; 0 when there is none to read. */
    public int storedVersion(Path file) {
        try {
            JsonNode v = mapper.readTree(Files.readString(file, StandardCharsets.UTF_8)).get("schemaVersion");
            return v != null && v.canConvertToInt() ? v.intValue() : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Rewrites a profile of an older schema version in the current one, keeping the old file beside it
     * ({@code profile.v1.json}); returns the copy's path, or null when the file was current already.
     */
    public Path migrate(Path file) throws IOException {
        int version = storedVersion(file);
        if (version == 0 || version == Profile.SCHEMA_VERSION) {
            return null;
        }
        Profile profile = read(file);
        Path copy = file.resolveSibling("profile.v" + version + ".json");
        if (!Files.exists(copy)) {
            AtomicFileWriter.write(copy, Files.readAllBytes(file), PosixFilePermissions.fromString("rw-r--r--"));
        }
        write(file, profile);
        return copy;
    }

    public void write(Path file, Profile profile) throws IOException {
        AtomicFileWriter.write(file, toJson(profile).getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-r--r--"));
    }
}
