package org.kaspa.aio.provision;

import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.ContainerInfo;
import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.VolumeMount;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.progress.ProgressEvent;
import org.kaspa.aio.progress.ProgressListener;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds replica {@code n}'s volume from its running primary: {@code seed-replica.sh} (an asset, the same
 * script the compose export runs) in a task container of the database's own image, on the kaspa-aio
 * network, with the replica's volume mounted: pg_basebackup, streaming the WAL of the copy and creating
 * the replica's slot, so that nothing the replica needs is recycled between the copy and its first start.
 */
final class ReplicaSeeding implements Seeding {
    static final String SCRIPT_ASSET = "replica/seed-replica.sh";
    static final String SCRIPT_PATH = "/usr/local/lib/kaspa-aio/seed-replica.sh";
    static final String PASSFILE_PATH = "/run/secrets/kaspa-aio/replication.pgpass";
    private static final Pattern PROGRESS = Pattern.compile("(\\d+)/(\\d+) kB \\((\\d+)%\\)");
    /**
     * One copy at a time per primary. PostgreSQL 15 (seen with 15.18) can invalidate a slot that is being
     * created while a checkpoint runs when max_slot_wal_keep_size is set ("terminating process … to release
     * replication slot"): a second copy's immediate checkpoint is such a checkpoint.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, Object> ONE_COPY_AT_A_TIME = new java.util.concurrent.ConcurrentHashMap<>();
    /** What pg_basebackup prints when that happened; a timed checkpoint can still cause it, so the copy is tried once more. */
    static final String SLOT_RELEASED = "terminating connection due to administrator command";

    private final String serviceId;
    private final DatabaseProfile db;
    private final int n;
    private final String network;
    private final String replicationPassword;

    ReplicaSeeding(String serviceId, DatabaseProfile db, int n, String network, String replicationPassword) {
        this.serviceId = serviceId;
        this.db = db;
        this.n = n;
        this.network = network;
        this.replicationPassword = replicationPassword;
    }

    @Override
    public String describe() {
        return "seeded from " + db.container() + " with pg_basebackup";
    }

    /** Asked of the running primary: a slot that is gone or invalidated means the WAL this copy needs is gone. */
    @Override
    public String reseedReason(DockerEngine engine) {
        String slot = DatabaseProfile.replicaSlot(n);
        return switch (slotStatus(engine)) {
            case "lost" -> "its replication slot " + slot + " on " + db.container()
                    + " was invalidated (it fell more than max_slot_wal_keep_size behind, and the WAL it needed is gone)";
            case "missing" -> "its replication slot " + slot + " is missing on " + db.container();
            default -> null;
        };
    }

    /** The slot's wal_status on the running primary, "missing" when it has none, "" when the primary cannot be asked. */
    private String slotStatus(DockerEngine engine) {
        Optional<ContainerInfo> primary = engine.findContainer(db.container());
        if (primary.isEmpty() || !primary.get().running()) {
            return "";
        }
        var r = new PrimaryShell(engine, primary.get().id(), db.user(), db.name()).psql("SELECT coalesce((SELECT wal_status FROM "
                + "pg_replication_slots WHERE slot_name = " + PrimaryShell.literal(DatabaseProfile.replicaSlot(n)) + "), 'missing')");
        return r.exitCode() == 0 ? r.stdout().strip() : "";
    }

    @Override
    public ContainerSpec task() {
        return task("keep");
    }

    /** {@code keep}: a volume holding a finished copy is left alone; {@code fresh}: the old copy is discarded first. */
    private ContainerSpec task(String mode) {
        String passfile = db.container() + ":" + DatabaseComponents.POSTGRES_PORT + ":*:" + ReplicaComponents.REPLICATION_USER + ":"
                + replicationPassword + "\n";
        return new ContainerSpec(db.replicaContainer(n) + "-seed", db.image(), List.of("bash", SCRIPT_PATH, db.container(),
                DatabaseProfile.replicaSlot(n), ReplicaComponents.REPLICATION_USER, mode), Map.of("PGDATA", DatabaseComponents.DATA_PATH),
                Labels.of(serviceId, Labels.ROLE_HELPER), List.of(), List.of(new VolumeMount(db.replicaVolume(n), DatabaseComponents.DATA_PATH)),
                network, List.of(new ContainerFile(SCRIPT_PATH, ServiceCatalog.readAsset(SCRIPT_ASSET), 0555, false),
                new ContainerFile(PASSFILE_PATH, passfile.getBytes(StandardCharsets.UTF_8), 0444, true)), null, null);
    }

    @Override
    public void seed(DockerEngine engine, ProgressListener listener) {
        synchronized (ONE_COPY_AT_A_TIME.computeIfAbsent(engine.host() + "|" + db.container(), k -> new Object())) {
            try {
                copy(engine, listener);
            } catch (ApplyException e) {
                if (e.details().stream().noneMatch(l -> l.contains(SLOT_RELEASED))) {
                    throw e;
                }
                listener.on(ProgressEvent.of(db.replicaContainer(n), ProgressEvent.Phase.WORKING,
                        "the primary released the new slot during a checkpoint; copying once more"));
                copy(engine, listener);
            }
        }
    }

    private void copy(DockerEngine engine, ProgressListener listener) {
        String name = db.replicaContainer(n);
        // without its slot a copy cannot follow: a new replica (no slot yet) or a lost one gets a fresh copy
        String status = slotStatus(engine);
        String why = status.equals("lost") ? reseedReason(engine) : null;
        ContainerSpec spec = task(status.equals("lost") || status.equals("missing") ? "fresh" : "keep");
        // a task left by an apply that was interrupted while it copied
        engine.findContainer(spec.name()).ifPresent(c -> engine.removeContainer(c.id()));
        listener.on(ProgressEvent.of(name, ProgressEvent.Phase.WORKING, (why == null ? "" : why + ": ")
                + "copying " + db.container() + " (pg_basebackup)"));
        Deque<String> last = new ArrayDeque<>();
        int code = engine.runTask(spec, line -> {
            synchronized (last) {
                last.addLast(line);
                if (last.size() > 20) {
                    last.removeFirst();
                }
            }
            Matcher m = PROGRESS.matcher(line);
            if (m.find()) {
                long done = Long.parseLong(m.group(1));
                long total = Long.parseLong(m.group(2));
                listener.on(new ProgressEvent(name, ProgressEvent.Phase.WORKING, total == 0 ? -1 : Math.min(1.0, (double) done / total),
                        "copying " + db.container() + ": " + (done >> 10) + "/" + (total >> 10) + " MB (" + m.group(3) + "%)"));
            } else if (!line.isBlank()) {
                listener.on(ProgressEvent.of(name, ProgressEvent.Phase.WORKING, line.strip()));
            }
        });
        if (code != 0) {
            List<String> tail;
            synchronized (last) {
                tail = List.copyOf(last);
            }
            throw new ApplyException(name + ": seeding from " + db.container() + " failed (exit " + code
                    + "); nothing was started on the copy; last lines follow", tail, null);
        }
    }
}
