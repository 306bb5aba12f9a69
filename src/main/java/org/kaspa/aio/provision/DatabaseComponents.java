package org.kaspa.aio.provision;

import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.ContainerResources;
import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.engine.HealthCheck;
import org.kaspa.aio.engine.PublishedPort;
import org.kaspa.aio.engine.VolumeMount;
import org.kaspa.aio.health.PostgresReadinessCheck;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.InvalidInputException;
import org.kaspa.aio.profile.ServiceProfile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The database role: one PostgreSQL/TimescaleDB container per service with a database, following the
 * official postgres image contract (POSTGRES_* variables, the password as a file, init scripts on first
 * init only, data in PGDATA on the service's volume).
 */
public final class DatabaseComponents implements ComponentSource {
    public static final int POSTGRES_PORT = DatabaseProfile.CONTAINER_PORT;
    public static final String DATA_PATH = "/var/lib/postgresql/data";
    public static final String INIT_DIR = "/docker-entrypoint-initdb.d";
    /** Where the password file goes; read by the image through POSTGRES_PASSWORD_FILE. */
    public static final String PASSWORD_FILE = "/run/secrets/kaspa-aio/postgres-password";
    /** With read replicas: the replication role's SCRAM verifier, which the first-init script gives the role. */
    public static final String REPLICATION_VERIFIER_FILE = "/run/secrets/kaspa-aio/replication-verifier";
    static final String REPLICATION_INIT = "replica/002-kaspa-aio-replication.sh";

    @Override
    public List<DesiredComponent> components(ServiceContext s) {
        DatabaseProfile db = s.service().database();
        if (db == null) {
            return List.of();
        }
        String password = s.secrets().password(s.serviceId()).orElseThrow(() -> new InvalidInputException("secrets.json",
                s.serviceId() + ".password", "is missing (run 'init', or 'init --force' to start over)"));
        Map<String, String> env = Map.of(
                "POSTGRES_DB", db.name(),
                "POSTGRES_USER", db.user(),
                "POSTGRES_PASSWORD_FILE", PASSWORD_FILE,
                // explicit, so that an image with another default cannot open (or initialise) another directory
                "PGDATA", DATA_PATH);
        List<ContainerFile> files = new ArrayList<>();
        files.add(new ContainerFile(PASSWORD_FILE, password.getBytes(StandardCharsets.UTF_8), 0444, true));
        for (String script : s.catalog().databaseDefaults().orElseThrow().initScripts()) {
            String fileName = script.substring(script.lastIndexOf('/') + 1);
            files.add(new ContainerFile(INIT_DIR + "/" + fileName, ServiceCatalog.readAsset(script), 0644, false));
        }
        // Over TCP inside the container: during first init the temporary server listens on the socket only,
        // so a socket check would call a database healthy before it really is (DESIGN §3).
        HealthCheck health = new HealthCheck(List.of("pg_isready", "-h", "127.0.0.1", "-p", String.valueOf(POSTGRES_PORT),
                "-U", db.user(), "-d", db.name()), Duration.ofSeconds(5), Duration.ofSeconds(5), 5, Duration.ofSeconds(30));
        String path = "services." + s.serviceId() + ".database";
        // the replication role serves the read replicas' copies and the backup agent's base backups
        String replicationVerifier = db.replicaCount() == 0 && !db.backedUp() ? null : org.kaspa.aio.profile.ScramVerifier.of(
                s.secrets().replicationPassword(s.serviceId()).orElseThrow(), s.secrets().scramSalt(s.serviceId()).orElseThrow());
        if (replicationVerifier != null) {
            // live, so that turning replicas on or off rewrites them in place instead of recreating the database
            files.add(new ContainerFile(INIT_DIR + "/002-kaspa-aio-replication.sh", ServiceCatalog.readAsset(REPLICATION_INIT), 0755, false, true));
            files.add(new ContainerFile(REPLICATION_VERIFIER_FILE, replicationVerifier.getBytes(StandardCharsets.UTF_8), 0444, true, true));
        }
        PostgresSettings settings = settings(s, db, path);
        files.add(settings.file(DATA_PATH));
        List<VolumeMount> mounts = new ArrayList<>(List.of(new VolumeMount(db.volume(), DATA_PATH)));
        if (db.archiving()) {
            // the server archives its WAL into the backups volume (BackupComponents' agent prepares it)
            mounts.add(new VolumeMount(db.backups().volume(), BackupComponents.BACKUPS_PATH));
            files.add(new ContainerFile(BackupComponents.ARCHIVE_SCRIPT_PATH, ServiceCatalog.readAsset(BackupComponents.ARCHIVE_SCRIPT_ASSET), 0555, false));
        }
        ContainerResources limits = db.resources() == null ? null
                : new ContainerResources(db.resources().memoryBytes(), db.resources().cpus(), PostgresTuning.shmBytes(db.resources()));
        String bind = s.profile().bindAddress();
        ContainerSpec spec = new ContainerSpec(db.container(), db.image(), List.of("postgres", "-c", "config_file=" + PostgresSettings.CONF_PATH),
                env, Map.of(), List.of(new PublishedPort(bind, db.port(), POSTGRES_PORT)), mounts,
                s.network(), files, "SIGINT", health, limits);
        return List.of(DesiredComponent.of(s.serviceId(), ComponentRole.DATABASE, spec, List.of(),
                new PostgresReadinessCheck(s.ports().reach(db.container(), POSTGRES_PORT, bind, db.port()), db.user(), db.name()),
                new PostgresDataDirectory(db.volume(), DATA_PATH, db.name(), db.user(), path + ".name"), path).withLive(settings)
                .withUpkeep(Upkeep.all(new ReplicationUpkeep(db, replicationVerifier), !s.profile().monitored() ? null
                        : new MonitoringRoleUpkeep(db, org.kaspa.aio.profile.ScramVerifier.of(s.secrets().monitorPassword(s.serviceId()).orElseThrow(),
                        s.secrets().scramSalt(s.serviceId()).orElseThrow())))));
    }

    /**
     * The settings the server runs with: derived from the resources for the catalog's workload (none
     * before the database is sized), the profile's own over them.
     */
    public static PostgresSettings settings(ServiceContext s, DatabaseProfile db, String profilePath) {
        String workload = s.catalog().databaseDefaults().orElseThrow().workload();
        Map<String, String> effective = db.resources() == null ? new java.util.LinkedHashMap<>(db.settings())
                : PostgresTuning.effective(db.resources(), workload, hasTimescaleDb(db.image()), db.settings());
        if (db.replicaCount() > 0) {
            // a replica that stops reading its slot may hold back at most this much WAL, never the whole disk
            effective.putIfAbsent("max_slot_wal_keep_size", PostgresTuning.slotWalKeep(workload));
        }
        if (db.archiving()) {
            // point in time: every WAL file into the backups volume; under load at least every 5 minutes, so the
            // latest restorable time is never far behind
            effective.put("archive_mode", "on");
            effective.put("archive_command", BackupComponents.ARCHIVE_SCRIPT_PATH + " %p %f");
            effective.putIfAbsent("archive_timeout", "5min");
        }
        return new PostgresSettings(s.serviceId(), db.image(), db.user(), db.name(), effective, db.settings().keySet(),
                db.resources(), profilePath);
    }

    /** The TimescaleDB images (timescale/timescaledb, -ha) load the extension; its settings are derived only for them. */
    static boolean hasTimescaleDb(String image) {
        return org.kaspa.aio.engine.ImageReference.canonical(image).contains("timescaledb");
    }

    @Override
    public List<String> volumeNames(String serviceId, ServiceProfile service) {
        return service.database() == null ? List.of() : List.of(service.database().volume());
    }

    @Override
    public List<String> containerNames(String serviceId, ServiceProfile service) {
        return service.database() == null ? List.of() : List.of(service.database().container());
    }
}
