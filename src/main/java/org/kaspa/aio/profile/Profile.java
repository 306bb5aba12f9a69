package org.kaspa.aio.profile;

import org.kaspa.aio.catalog.CatalogService;
import org.kaspa.aio.catalog.ServiceCatalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The desired installation: the content of profile.json (DESIGN §2). Services keep catalog order.
 * {@code engine} is null until a choice among several engines is remembered (schema version 2).
 */
public record Profile(int schemaVersion, String bindAddress, Map<String, ServiceProfile> services, EngineChoice engine,
                      MonitoringProfile monitoring) {

    /**
     * 2 added the optional top-level {@code engine}; 3 the databases' {@code resources}, {@code settings} and
     * {@code pooler}; 4 their {@code replicas}; 5 the top-level {@code monitoring}. Older files are migrated when read.
     */
    public static final int SCHEMA_VERSION = 6;
    public static final String LOOPBACK = "127.0.0.1";

    public Profile {
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    public Profile(int schemaVersion, String bindAddress, Map<String, ServiceProfile> services) {
        this(schemaVersion, bindAddress, services, null, null);
    }

    public Profile(int schemaVersion, String bindAddress, Map<String, ServiceProfile> services, EngineChoice engine) {
        this(schemaVersion, bindAddress, services, engine, null);
    }

    /** Whether the monitoring stack runs (a profile from before schema version 5 has none). */
    public boolean monitored() {
        return monitoring != null && monitoring.enabled();
    }

    /** The design's table: every service enabled, the default image, loopback binding. */
    public static Profile defaults(ServiceCatalog catalog) {
        Map<String, ServiceProfile> services = new LinkedHashMap<>();
        for (CatalogService s : catalog.services()) {
            DatabaseProfile db = s.databaseDefaults()
                    .map(d -> new DatabaseProfile(d.container(), catalog.defaultImage(), d.name(), d.user(), d.port(), d.volume())
                            .withPooler(new PoolerProfile(true, catalog.defaultPoolerImage(), d.poolerPort(), PoolerProfile.DEFAULT_POOL_MODE,
                                    PoolerProfile.DEFAULT_MAX_CLIENT_CONNECTIONS, PoolerProfile.DEFAULT_POOL_SIZE))
                            .withReplicas(ReplicasProfile.none(d.replicaPort()))
                            .withBackups(BackupsProfile.defaults(d.volume())))
                    .orElse(null);
            StorageProfile storage = s.storageDefaults().map(st -> new StorageProfile(st.volume())).orElse(null);
            services.put(s.id(), new ServiceProfile(true, db, storage));
        }
        return new Profile(SCHEMA_VERSION, LOOPBACK, services, null, MonitoringProfile.defaults());
    }

    /** The same installation with every database's scheduled backups turned on or off (a profile from before version 6 reads as off). */
    public Profile withBackups(boolean on) {
        Profile out = this;
        for (var e : services.entrySet()) {
            ServiceProfile s = e.getValue();
            if (s.database() != null && s.database().backups() != null) {
                out = out.withService(e.getKey(), new ServiceProfile(s.enabled(), s.database().withBackups(s.database().backups().withEnabled(on)),
                        s.storage()));
            }
        }
        return out;
    }

    /** The same installation without any pooler: what a profile from before schema version 3 reads as. */
    public Profile withoutPoolers() {
        Profile out = this;
        for (var e : services.entrySet()) {
            ServiceProfile s = e.getValue();
            if (s.database() != null) {
                out = out.withService(e.getKey(), new ServiceProfile(s.enabled(), s.database().withPooler(null), s.storage()));
            }
        }
        return out;
    }

    public ServiceProfile service(String id) {
        ServiceProfile s = services.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no service '" + id + "' in the profile");
        }
        return s;
    }

    public Profile withService(String id, ServiceProfile service) {
        Map<String, ServiceProfile> copy = new LinkedHashMap<>(services);
        copy.put(id, service);
        return new Profile(schemaVersion, bindAddress, copy, engine, monitoring);
    }

    public Profile withBindAddress(String address) {
        return new Profile(schemaVersion, address, services, engine, monitoring);
    }

    public Profile withEngine(EngineChoice choice) {
        return new Profile(schemaVersion, bindAddress, services, choice, monitoring);
    }

    public Profile withMonitoring(MonitoringProfile m) {
        return new Profile(schemaVersion, bindAddress, services, engine, m);
    }

    /** Enabled services that own a database, in profile order. */
    public Map<String, DatabaseProfile> enabledDatabases() {
        Map<String, DatabaseProfile> out = new LinkedHashMap<>();
        services.forEach((id, s) -> {
            if (s.enabled() && s.hasDatabase()) {
                out.put(id, s.database());
            }
        });
        return Collections.unmodifiableMap(out);
    }
}
