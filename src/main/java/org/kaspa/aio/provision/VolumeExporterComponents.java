package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.engine.VolumeMount;
import org.kaspa.aio.health.RunningCheck;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.Profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The volume-exporter role: with monitoring on, one {@code kaspa-aio-volume-exporter} (Prometheus's node
 * exporter, filesystem collector only) with every enabled database's data volume mounted read-only at
 * {@code /volumes/<database container>}, so Prometheus sees how full the disk under each database is (what no
 * PostgreSQL statistic tells) and the disk-filling alert can name the database. It reads no data: the
 * filesystem's figures come from statfs on the mount point. With backups on, each backups volume is mounted
 * read-only at {@code /backups/<database container>} too, and its textfile collector reads the metrics file the
 * backup agent keeps there (last success and failure: the backup alerts); nothing else of a backup is read.
 */
public final class VolumeExporterComponents implements SharedComponentSource {
    public static final String CONTAINER = "kaspa-aio-volume-exporter";
    public static final int METRICS_PORT = 9100;
    public static final String MOUNT_ROOT = "/volumes/";
    /** Where the backups volumes are mounted (read-only), for the agents' metrics files; not under MOUNT_ROOT. */
    public static final String BACKUPS_ROOT = "/backups/";
    /** The kernel's own filesystems, never a volume (node_exporter's default list, without overlay and squashfs). */
    static final String PSEUDO_FILESYSTEMS = "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue"
            + "|nsfs|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|sysfs|tracefs)$";

    @Override
    public List<DesiredComponent> components(SharedContext s) {
        Profile profile = s.profile();
        if (!profile.monitored() || profile.enabledDatabases().isEmpty()) {
            return List.of();
        }
        List<VolumeMount> mounts = new ArrayList<>();
        List<String> databases = new ArrayList<>();
        boolean backups = false;
        for (DatabaseProfile db : profile.enabledDatabases().values()) {
            mounts.add(new VolumeMount(db.volume(), MOUNT_ROOT + db.container(), true));
            databases.add(db.container());
            if (db.backedUp()) {
                mounts.add(new VolumeMount(db.backups().volume(), BACKUPS_ROOT + db.container(), true));
                backups = true;
            }
        }
        // filesystems only (nothing of the host's devices, processes or network), whatever the volumes' type,
        // an overlay or a network filesystem included; Prometheus keeps those under MOUNT_ROOT
        List<String> args = new ArrayList<>(List.of("--collector.disable-defaults", "--collector.filesystem",
                "--collector.filesystem.fs-types-exclude=" + PSEUDO_FILESYSTEMS, "--web.listen-address=:" + METRICS_PORT));
        if (backups) {
            // each backup agent's metrics file at the top of its backups volume (the collector takes a glob of directories)
            args.addAll(List.of("--collector.textfile", "--collector.textfile.directory=" + BACKUPS_ROOT + "*"));
        }
        ContainerSpec spec = new ContainerSpec(CONTAINER, profile.monitoring().volumeExporterImage(), args, Map.of(), Map.of(), List.of(),
                mounts, s.network(), List.of(), "SIGTERM", null);
        return List.of(DesiredComponent.of(Labels.SHARED, ComponentRole.VOLUME_EXPORTER, spec, databases, new RunningCheck(), null, "monitoring")
                .withImageField("monitoring.volumeExporterImage"));
    }

    @Override
    public List<String> containerNames(Profile profile) {
        return List.of(CONTAINER);
    }

    @Override
    public List<String> volumeNames(Profile profile) {
        return List.of();
    }
}
