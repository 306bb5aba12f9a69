package org.kaspa.aio.provision;

import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.engine.VolumeMount;
import org.kaspa.aio.health.RunningCheck;
import org.kaspa.aio.profile.BackupSchedule;
import org.kaspa.aio.profile.BackupsProfile;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.ServiceProfile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The backup-agent role: with backups on, {@code <database container>-backup}, the database's own image (its
 * pg_basebackup, pg_verifybackup and pg_archivecleanup match the server) running {@code backup-agent.sh}: a
 * base backup whenever the schedule matches (and at once when there is none), each verified, the newest
 * {@code keepBase} kept with exactly the archived WAL they need. It works while the app is closed. It logs
 * in as the replication role, its password in a file; its backups and the archived WAL live on the backups
 * volume, which the database mounts too when point in time is on (its archive_command writes there). It
 * writes its last success and failure as a Prometheus textfile on that volume too, which the volume exporter
 * reads when monitoring is on (the backup alerts).
 */
public final class BackupComponents implements ComponentSource {
    public static final String BACKUPS_PATH = "/backups";
    static final String AGENT_ASSET = "backup/backup-agent.sh";
    public static final String AGENT_PATH = "/usr/local/lib/kaspa-aio/backup-agent.sh";
    static final String ARCHIVE_SCRIPT_ASSET = "backup/archive-wal.sh";
    static final String ARCHIVE_SCRIPT_PATH = "/usr/local/lib/kaspa-aio/archive-wal.sh";
    static final String PASSFILE_PATH = "/run/secrets/kaspa-aio/replication.pgpass";

    @Override
    public List<DesiredComponent> components(ServiceContext s) {
        DatabaseProfile db = s.service().database();
        if (db == null || !db.backedUp()) {
            return List.of();
        }
        BackupsProfile b = db.backups();
        String password = s.secrets().replicationPassword(s.serviceId()).orElseThrow();
        String passfile = db.container() + ":" + DatabaseComponents.POSTGRES_PORT + ":*:" + ReplicaComponents.REPLICATION_USER + ":"
                + password.replace("\\", "\\\\").replace(":", "\\:") + "\n";
        Map<String, String> env = Map.of(
                "KASPA_AIO_DB_HOST", db.container(),
                "KASPA_AIO_SERVICE", s.serviceId(),
                "KASPA_AIO_SCHEDULE", b.schedule(),
                // what the overdue alert compares with (the schedule's longest gap; bash cannot derive it cheaply)
                "KASPA_AIO_INTERVAL_SECONDS", String.valueOf(BackupSchedule.of(b.schedule()).interval().toSeconds()),
                "KASPA_AIO_KEEP_BASE", String.valueOf(b.keepBase()),
                "KASPA_AIO_POINT_IN_TIME", String.valueOf(b.pointInTime()),
                "KASPA_AIO_REPLICATION_USER", ReplicaComponents.REPLICATION_USER);
        ContainerSpec spec = new ContainerSpec(db.backupContainer(), db.image(), List.of("bash", AGENT_PATH, "run"), env, Map.of(), List.of(),
                List.of(new VolumeMount(b.volume(), BACKUPS_PATH)), s.network(),
                List.of(new ContainerFile(AGENT_PATH, ServiceCatalog.readAsset(AGENT_ASSET), 0555, false),
                        new ContainerFile(PASSFILE_PATH, passfile.getBytes(StandardCharsets.UTF_8), 0444, true)),
                "SIGTERM", null);
        return List.of(DesiredComponent.of(s.serviceId(), ComponentRole.BACKUP, spec, List.of(db.container()), new RunningCheck(), null,
                "services." + s.serviceId() + ".database.backups").withImageField("services." + s.serviceId() + ".database.image"));
    }

    @Override
    public List<String> containerNames(String serviceId, ServiceProfile service) {
        return service.database() == null ? List.of() : List.of(service.database().backupContainer());
    }

    @Override
    public List<String> volumeNames(String serviceId, ServiceProfile service) {
        DatabaseProfile db = service.database();
        return db == null || db.backups() == null ? List.of() : List.of(db.backups().volume());
    }
}
