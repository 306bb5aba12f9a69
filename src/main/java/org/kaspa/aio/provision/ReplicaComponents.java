package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.ContainerResources;
import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.engine.HealthCheck;
import org.kaspa.aio.engine.PublishedPort;
import org.kaspa.aio.engine.VolumeMount;
import org.kaspa.aio.health.PostgresReadinessCheck;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.ReplicasProfile;
import org.kaspa.aio.profile.ServiceProfile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The replica role: read replica {@code n} of a database is {@code <database container>-replica-<n>}, the
 * database's own image on its own volume, streaming from the primary over the kaspa-aio network through
 * its physical slot. Its volume is seeded with pg_basebackup from the running primary before the container
 * is first created ({@link ReplicaSeeding}); the primary's replication role, pg_hba line and slots are
 * kept by the primary's {@link ReplicationUpkeep}. It runs with its primary's settings (a hot standby
 * refuses to run with lower limits than its primary) and its own resources limits, the primary's.
 */
public final class ReplicaComponents implements ComponentSource {
    /** The role replicas stream as; it may only replicate and log in (DESIGN §6: its own secret). */
    public static final String REPLICATION_USER = "kaspa_aio_replication";
    /** Holds {@code primary_conninfo}, the replication password in it: a secret file the settings include. */
    public static final String CONNINFO_PATH = "/etc/kaspa-aio/primary-conninfo.conf";

    @Override
    public List<DesiredComponent> components(ServiceContext s) {
        DatabaseProfile db = s.service().database();
        if (db == null || db.replicaCount() == 0) {
            return List.of();
        }
        String replicationPassword = s.secrets().replicationPassword(s.serviceId()).orElseThrow();
        PostgresSettings primarySettings = DatabaseComponents.settings(s, db, "services." + s.serviceId() + ".database");
        ContainerResources limits = db.resources() == null ? null
                : new ContainerResources(db.resources().memoryBytes(), db.resources().cpus(), PostgresTuning.shmBytes(db.resources()));
        String bind = s.profile().bindAddress();
        List<DesiredComponent> out = new ArrayList<>();
        for (int n = 1; n <= db.replicaCount(); n++) {
            String name = db.replicaContainer(n);
            // its image and resources are the database's: errors about them name the database's fields
            String path = "services." + s.serviceId() + ".database";
            // in a fixed order: the file's bytes are hashed, and Map.of's order changes from one run to the next
            Map<String, String> standby = new java.util.LinkedHashMap<>();
            standby.put("hot_standby", "on");
            standby.put("primary_slot_name", DatabaseProfile.replicaSlot(n));
            PostgresSettings settings = primarySettings.with(standby, CONNINFO_PATH);
            String conninfo = "# Written by kaspa-aio: how this replica reaches its primary (replaced on every apply)\n"
                    + "primary_conninfo = 'host=" + db.container() + " port=" + DatabaseComponents.POSTGRES_PORT
                    + " user=" + REPLICATION_USER + " password=" + replicationPassword + " application_name=" + name + "'\n";
            List<ContainerFile> files = List.of(settings.file(DatabaseComponents.DATA_PATH),
                    new ContainerFile(CONNINFO_PATH, conninfo.getBytes(StandardCharsets.UTF_8), 0444, true, true));
            HealthCheck health = new HealthCheck(List.of("pg_isready", "-h", "127.0.0.1", "-p", String.valueOf(DatabaseComponents.POSTGRES_PORT),
                    "-U", db.user(), "-d", db.name()), Duration.ofSeconds(5), Duration.ofSeconds(5), 5, Duration.ofSeconds(60));
            int port = db.replicas().port(n);
            // no POSTGRES_PASSWORD: an empty volume must never be initialised as a new, empty primary
            ContainerSpec spec = new ContainerSpec(name, db.image(), List.of("postgres", "-c", "config_file=" + PostgresSettings.CONF_PATH),
                    Map.of("PGDATA", DatabaseComponents.DATA_PATH), Map.of(), List.of(new PublishedPort(bind, port, DatabaseComponents.POSTGRES_PORT)),
                    List.of(new VolumeMount(db.replicaVolume(n), DatabaseComponents.DATA_PATH)), s.network(), files, "SIGINT", health, limits);
            out.add(DesiredComponent.of(s.serviceId(), ComponentRole.REPLICA, spec, List.of(db.container()),
                            new PostgresReadinessCheck(s.ports().reach(db.container(), name, DatabaseComponents.POSTGRES_PORT, bind, port), db.user(), db.name()),
                            null, path)
                    .withLive(settings)
                    .withSeeding(new ReplicaSeeding(s.serviceId(), db, n, s.network(), replicationPassword))
                    .withPortField(path + ".replicas.ports[" + (n - 1) + "]"));
        }
        return out;
    }

    @Override
    public List<String> containerNames(String serviceId, ServiceProfile service) {
        // every replica there may be, so that one the count no longer covers is found and removed
        List<String> out = new ArrayList<>();
        if (service.database() != null) {
            for (int n = 1; n <= ReplicasProfile.MAX; n++) {
                out.add(service.database().replicaContainer(n));
            }
        }
        return out;
    }

    @Override
    public List<String> volumeNames(String serviceId, ServiceProfile service) {
        List<String> out = new ArrayList<>();
        if (service.database() != null) {
            for (int n = 1; n <= ReplicasProfile.MAX; n++) {
                out.add(service.database().replicaVolume(n));
            }
        }
        return out;
    }

    /** A replica's volume holds only a copy of its primary: it goes with the replica when the count shrinks. */
    @Override
    public Optional<String> copyVolume(String containerName, ServiceProfile service) {
        DatabaseProfile db = service.database();
        if (db == null) {
            return Optional.empty();
        }
        for (int n = 1; n <= ReplicasProfile.MAX; n++) {
            if (db.replicaContainer(n).equals(containerName)) {
                return Optional.of(db.replicaVolume(n));
            }
        }
        return Optional.empty();
    }
}
