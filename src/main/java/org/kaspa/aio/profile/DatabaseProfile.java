package org.kaspa.aio.profile;

import java.util.Map;
import java.util.TreeMap;

/**
 * The user's choices for one database container; field names are the profile.json keys.
 *
 * @param resources null until sized: the next command that changes the engine sizes it from the engine's
 *                  memory and CPUs (schema version 3) and writes the numbers into profile.json
 * @param settings  PostgreSQL settings by name, overriding the ones derived from {@code resources}
 * @param pooler    its PgBouncer, or null for none (a profile from before schema version 3)
 * @param replicas  its read replicas, or null for none (a profile from before schema version 4)
 * @param backups   its scheduled backups, or null for none
 */
public record DatabaseProfile(String container, String image, String name, String user, int port, String volume,
                              DatabaseResources resources, Map<String, String> settings, PoolerProfile pooler,
                              ReplicasProfile replicas, BackupsProfile backups) {
    /** The port the server listens on inside its container (the postgres image's); {@code port} is the host's. */
    public static final int CONTAINER_PORT = 5432;

    public DatabaseProfile {
        settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings == null ? Map.of() : settings));
    }

    public DatabaseProfile(String container, String image, String name, String user, int port, String volume) {
        this(container, image, name, user, port, volume, null, Map.of(), null, null, null);
    }

    public DatabaseProfile(String container, String image, String name, String user, int port, String volume,
                           DatabaseResources resources, Map<String, String> settings) {
        this(container, image, name, user, port, volume, resources, settings, null, null, null);
    }

    public DatabaseProfile(String container, String image, String name, String user, int port, String volume,
                           DatabaseResources resources, Map<String, String> settings, PoolerProfile pooler) {
        this(container, image, name, user, port, volume, resources, settings, pooler, null, null);
    }

    /** How many read replicas it has (0 without a replicas section). */
    public int replicaCount() {
        return replicas == null ? 0 : replicas.count();
    }

    /** Replica {@code n}'s container (1-based): {@code <database container>-replica-<n>}, its network name too. */
    public String replicaContainer(int n) {
        return container + "-replica-" + n;
    }

    /** Replica {@code n}'s volume: {@code <database container>-replica-<n>-data}; it holds only a copy of the primary. */
    public String replicaVolume(int n) {
        return replicaContainer(n) + "-data";
    }

    /** Replica {@code n}'s physical replication slot on the primary. */
    public static String replicaSlot(int n) {
        return "kaspa_aio_replica_" + n;
    }

    public DatabaseProfile withReplicas(ReplicasProfile newReplicas) {
        return new DatabaseProfile(container, image, name, user, port, volume, resources, settings, pooler, newReplicas, backups);
    }

    public DatabaseProfile withBackups(BackupsProfile newBackups) {
        return new DatabaseProfile(container, image, name, user, port, volume, resources, settings, pooler, replicas, newBackups);
    }

    public DatabaseProfile withVolume(String newVolume) {
        return new DatabaseProfile(container, image, name, user, port, newVolume, resources, settings, pooler, replicas, backups);
    }

    /** Whether scheduled backups run. */
    public boolean backedUp() {
        return backups != null && backups.enabled();
    }

    /** Whether its WAL is archived (backups on, with point in time). */
    public boolean archiving() {
        return backups != null && backups.archiving();
    }

    /** The backup agent's container: {@code <database container>-backup}. */
    public String backupContainer() {
        return container + "-backup";
    }

    /** Whether its PgBouncer runs. */
    public boolean pooled() {
        return pooler != null && pooler.enabled();
    }

    /** The pooler's container: {@code <database container>-pooler}, its name on the kaspa-aio network too. */
    public String poolerContainer() {
        return container + "-pooler";
    }

    public DatabaseProfile withPooler(PoolerProfile newPooler) {
        return new DatabaseProfile(container, image, name, user, port, volume, resources, settings, newPooler, replicas, backups);
    }

    public DatabaseProfile withPort(int newPort) {
        return new DatabaseProfile(container, image, name, user, newPort, volume, resources, settings, pooler, replicas, backups);
    }

    public DatabaseProfile withImage(String newImage) {
        return new DatabaseProfile(container, newImage, name, user, port, volume, resources, settings, pooler, replicas, backups);
    }

    public DatabaseProfile withResources(DatabaseResources newResources) {
        return new DatabaseProfile(container, image, name, user, port, volume, newResources, settings, pooler, replicas, backups);
    }

    public DatabaseProfile withSettings(Map<String, String> newSettings) {
        return new DatabaseProfile(container, image, name, user, port, volume, resources, newSettings, pooler, replicas, backups);
    }
}
