package org.kaspa.aio.ops;

import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.ExecResult;
import org.kaspa.aio.engine.VolumeMount;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.ScramVerifier;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.progress.Cancellation;
import org.kaspa.aio.progress.ProgressEvent;
import org.kaspa.aio.progress.ProgressListener;
import org.kaspa.aio.provision.BackupComponents;
import org.kaspa.aio.provision.DatabaseComponents;
import org.kaspa.aio.provision.DesiredState;
import org.kaspa.aio.provision.Labels;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A point-in-time restore into a new volume: the newest verified base backup that ended before the target,
 * copied into a new volume while the backups volume is locked, WAL replayed from the archive to the target
 * (or all of it) in a check container of the database's image, which must then start, finish recovery and
 * accept. Only then does the caller switch the database to the new volume; the old one is kept. Nothing of
 * the running database changes before that, so a failed restore costs nothing.
 */
public final class PointInTimeRestore {
    static final String SCRIPT_ASSET = "backup/restore-base.sh";
    static final String SCRIPT_PATH = "/usr/local/lib/kaspa-aio/restore-base.sh";
    private static final DateTimeFormatter VOLUME_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter POSTGRES_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(30);

    private final DockerEngine engine;
    private final ServiceCatalog catalog;

    public PointInTimeRestore(DockerEngine engine, ServiceCatalog catalog) {
        this.engine = engine;
        this.catalog = catalog;
    }

    /** The new volume, the one kept, the base backup replayed from, and the target (null: the latest). */
    public record Result(String newVolume, String previousVolume, String baseBackup, Instant target) {
    }

    /**
     * Restores {@code serviceId}'s database into a new volume, to {@code target} (null: everything archived).
     * Returns once the restored copy has been checked; the profile still names the old volume.
     */
    public Result restore(Profile profile, Secrets secrets, String serviceId, Instant target, ProgressListener listener) {
        return restore(profile, secrets, serviceId, target, listener, Cancellation.none());
    }

    /**
     * The same, cancellable until it returns: a request stops the copy or the replay within half a second, and the
     * new volume and the helper containers go; the database and its volume were never touched.
     */
    public Result restore(Profile profile, Secrets secrets, String serviceId, Instant target, ProgressListener listener, Cancellation cancellation) {
        DatabaseProfile db = profile.service(serviceId).database();
        if (!db.archiving()) {
            throw new DatabaseBackup.BackupException(db.container() + " archives no WAL (backups.enabled and backups.pointInTime in profile.json), "
                    + "so it cannot be restored to a point in time");
        }
        String name = db.container();
        // what the server holds but has not archived yet is archived first, so "latest" means now
        archiveCurrentWal(db, listener);
        cancellation.check();
        BaseBackups.Report report = new BaseBackups(engine).report(db);
        BaseBackups.BaseBackup base = report.backups().stream().filter(BaseBackups.BaseBackup::verified)
                .filter(b -> target == null || !b.ended().isAfter(target)).max(Comparator.comparing(BaseBackups.BaseBackup::name))
                .orElseThrow(() -> new DatabaseBackup.BackupException(target == null ? name + " has no verified base backup to restore from"
                        : "no verified base backup of " + name + " ended before " + target + report.earliestRestorable()
                        .map(e -> " (the earliest restorable time is " + e + ")").orElse(" (it has none yet)")));
        if (target != null && report.latestRestorable().map(target::isAfter).orElse(true)) {
            throw new DatabaseBackup.BackupException(target + " is after the latest restorable time of " + name
                    + report.latestRestorable().map(l -> " (" + l + ")").orElse(""));
        }
        String volume = name + "-data-" + VOLUME_STAMP.format(Instant.now());
        Map<String, String> labels = new HashMap<>(Labels.of(serviceId, "database"));
        labels.put("kaspa-aio.postgres-database", db.name());
        labels.put("kaspa-aio.postgres-user", db.user());
        listener.on(ProgressEvent.of(name, ProgressEvent.Phase.WORKING, "restoring into the new volume " + volume + " from base backup " + base.name()));
        engine.createVolume(volume, labels);
        boolean done = false;
        try {
            fill(db, serviceId, profile, volume, base.name(), target, listener, cancellation);
            check(profile, secrets, serviceId, volume, listener, cancellation);
            done = true;
            return new Result(volume, db.volume(), base.name(), target);
        } finally {
            if (!done) {
                engine.removeVolume(volume); // it holds nothing anyone chose; the database is as it was
                if (cancellation.requested()) {
                    listener.on(ProgressEvent.of(name, ProgressEvent.Phase.DONE, "restore cancelled: " + volume + " removed, nothing changed"));
                }
            }
        }
    }

    /**
     * The read replicas' copies follow the history the database had before the restore, and its replication slots
     * are not in the restored data: their containers and copies go, so that the apply that switches the database
     * seeds them afresh from the restored one (a replica's volume holds only a copy).
     */
    public void discardReplicas(DatabaseProfile db, ProgressListener listener) {
        for (int n = 1; n <= db.replicaCount(); n++) {
            String name = db.replicaContainer(n);
            engine.findContainer(name).ifPresent(c -> engine.removeContainer(c.id()));
            engine.removeVolume(db.replicaVolume(n));
            listener.on(ProgressEvent.of(name, ProgressEvent.Phase.WORKING, "its copy followed the history before the restore; it is seeded again"));
        }
    }

    private void archiveCurrentWal(DatabaseProfile db, ProgressListener listener) {
        var running = engine.findContainer(db.container()).filter(c -> c.running());
        if (running.isEmpty()) {
            return; // a stopped database archived what it wrote when it stopped
        }
        String id = running.get().id();
        ExecResult sw = psql(id, db, "SELECT pg_walfile_name(pg_switch_wal())");
        if (sw.exitCode() != 0) {
            return; // nothing written since the last switch, or not answering: the archive is as current as it gets
        }
        String file = sw.stdout().strip();
        listener.on(ProgressEvent.of(db.container(), ProgressEvent.Phase.WORKING, "archiving the current WAL (" + file + ")"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            ExecResult a = psql(id, db, "SELECT coalesce(last_archived_wal, '') >= " + literal(file) + " FROM pg_stat_archiver");
            if (a.exitCode() == 0 && a.stdout().strip().equals("t")) {
                return;
            }
            sleep(250);
        }
        throw new DatabaseBackup.BackupException(db.container() + " did not archive " + file + " within 60 s (see its log: archive_command)");
    }

    private void fill(DatabaseProfile db, String serviceId, Profile profile, String volume, String base, Instant target, ProgressListener listener,
                      Cancellation cancellation) {
        ContainerSpec task = new ContainerSpec(db.container() + "-restore", db.image(),
                List.of("bash", SCRIPT_PATH, base, target == null ? "latest" : POSTGRES_TIME.format(target)),
                Map.of("PGDATA", DatabaseComponents.DATA_PATH), Labels.of(serviceId, Labels.ROLE_HELPER), List.of(),
                List.of(new VolumeMount(volume, DatabaseComponents.DATA_PATH), new VolumeMount(db.backups().volume(), BackupComponents.BACKUPS_PATH)),
                catalog.network(), List.of(new ContainerFile(SCRIPT_PATH, ServiceCatalog.readAsset(SCRIPT_ASSET), 0555, false)), null, null);
        engine.findContainer(task.name()).ifPresent(c -> engine.removeContainer(c.id()));
        List<String> out = new ArrayList<>();
        int code = engine.runTask(task, line -> {
            out.add(line);
            listener.on(ProgressEvent.of(db.container(), ProgressEvent.Phase.WORKING, line));
        }, cancellation);
        if (code != 0) {
            throw new DatabaseBackup.BackupException("copying base backup " + base + " failed: " + (out.isEmpty() ? "exit " + code : out.get(out.size() - 1)));
        }
    }

    /**
     * The restored copy in a check container (the database's own spec on the new volume, no published port):
     * it must replay, promote and accept. It archives like the database (the new timeline's history file goes
     * into the archive when it promotes, which a later restore follows). Then the recovery settings
     * are removed and the stored password's verifier set, so the person is not locked out by a password that
     * was changed after the target time.
     */
    private void check(Profile profile, Secrets secrets, String serviceId, String volume, ProgressListener listener, Cancellation cancellation) {
        DatabaseProfile db = profile.service(serviceId).database();
        DatabaseProfile restored = db.withVolume(volume);
        ContainerSpec real = DesiredState.of(profile.withService(serviceId, profile.service(serviceId).withDatabase(restored)), secrets, catalog)
                .component(db.container()).spec();
        ContainerSpec spec = new ContainerSpec(db.container() + "-restore-check", real.image(), real.command(), real.env(),
                Labels.of(serviceId, Labels.ROLE_HELPER), List.of(), real.mounts(), real.network(), real.files(), real.stopSignal(), null, real.resources());
        engine.findContainer(spec.name()).ifPresent(c -> engine.removeContainer(c.id()));
        String id = engine.createContainer(spec);
        try {
            engine.copyFiles(id, spec.files());
            engine.start(id);
            listener.on(ProgressEvent.of(db.container(), ProgressEvent.Phase.WORKING, "replaying WAL in " + spec.name()));
            long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
            while (true) {
                if (cancellation.requested()) {
                    engine.kill(id); // the copy is discarded: no need to shut its server down cleanly
                    cancellation.check();
                }
                var state = engine.findContainer(spec.name());
                // the database's spec restarts a server that exits: restarting is a failed start here
                if (state.isEmpty() || !state.get().running() || state.get().state().equals("restarting")) {
                    List<String> log = engine.logTail(id, 15);
                    throw new DatabaseBackup.BackupException("the restored copy did not start: " + log.stream()
                            .filter(l -> l.contains("FATAL") || l.contains("ERROR")).reduce((a, b) -> b).orElse(String.join(" / ", log)));
                }
                ExecResult r = psql(id, db, "SELECT pg_is_in_recovery()");
                if (r.exitCode() == 0 && r.stdout().strip().equals("f")) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new DatabaseBackup.BackupException("the restored copy was still replaying WAL after " + RECOVERY_LIMIT.toMinutes() + " minutes");
                }
                sleep(500);
            }
            String verifier = ScramVerifier.of(secrets, serviceId, secrets.password(serviceId).orElseThrow());
            ExecResult tidy = psql(id, db, "ALTER SYSTEM RESET restore_command", "ALTER SYSTEM RESET recovery_target_time",
                    "ALTER SYSTEM RESET recovery_target_action", "ALTER SYSTEM RESET recovery_target_timeline",
                    "ALTER ROLE \"" + db.user().replace("\"", "\"\"") + "\" PASSWORD " + literal(verifier), "CHECKPOINT");
            if (tidy.exitCode() != 0) {
                throw new DatabaseBackup.BackupException("finishing the restored copy failed: " + BaseBackups.firstLine(tidy));
            }
            listener.on(ProgressEvent.of(db.container(), ProgressEvent.Phase.WORKING, "the restored copy accepts connections"));
            engine.stop(id, 60);
        } finally {
            engine.removeContainer(id);
        }
    }

    private ExecResult psql(String containerId, DatabaseProfile db, String... statements) {
        List<String> command = new ArrayList<>(List.of("psql", "-U", db.user(), "-d", db.name(), "-AtX", "-v", "ON_ERROR_STOP=1"));
        for (String s : statements) {
            command.add("-c");
            command.add(s);
        }
        return engine.exec(containerId, command);
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseBackup.BackupException("interrupted");
        }
    }
}
