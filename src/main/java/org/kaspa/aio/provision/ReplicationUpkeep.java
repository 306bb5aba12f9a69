package org.kaspa.aio.provision;

import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.ExecResult;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.progress.ProgressEvent;
import org.kaspa.aio.progress.ProgressListener;

import java.util.List;

/**
 * What a primary keeps for its read replicas, on every apply and on data directories of any age: the
 * replication role with the stored secret's SCRAM verifier (never the password), a pg_hba line that lets
 * that role replicate over the network (the image allows replication from the container itself only, and
 * writes its pg_hba on first init only), and no slot of a replica the count no longer covers (a slot
 * nobody reads holds WAL until max_slot_wal_keep_size). A replica's own slot is made when it is seeded.
 */
final class ReplicationUpkeep implements Upkeep {
    static final String HBA_LINE = "host replication " + ReplicaComponents.REPLICATION_USER + " all scram-sha-256";

    private final DatabaseProfile db;
    /** Null when the database has neither replicas nor backups: then only the slots of removed replicas are dropped. */
    private final String verifier;

    ReplicationUpkeep(DatabaseProfile db, String verifier) {
        this.db = db;
        this.verifier = verifier;
    }

    @Override
    public void run(DockerEngine engine, String containerId, ProgressListener listener) {
        PrimaryShell primary = new PrimaryShell(engine, containerId, db.user(), db.name());
        String role = ReplicaComponents.REPLICATION_USER;
        if (verifier != null) {
            ExecResult hba = engine.exec(containerId, List.of("sh", "-c",
                    "f=\"$PGDATA/pg_hba.conf\"; grep -qxF \"$1\" \"$f\" && exit 0; printf '\\n# kaspa-aio: read replicas\\n%s\\n' \"$1\" >> \"$f\" && echo added",
                    "sh", HBA_LINE));
            if (hba.exitCode() != 0) {
                throw new ApplyException(db.container() + ": allowing replication in pg_hba.conf failed: " + PrimaryShell.firstLine(hba));
            }
            ExecResult r = primary.psql(
                    "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = " + PrimaryShell.literal(role) + ") THEN "
                            + "CREATE ROLE " + role + " WITH REPLICATION LOGIN; END IF; END$$",
                    "ALTER ROLE " + role + " WITH REPLICATION LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD " + PrimaryShell.literal(verifier),
                    "SELECT pg_reload_conf()");
            if (r.exitCode() != 0) {
                throw new ApplyException(db.container() + ": keeping the replication role failed: " + PrimaryShell.firstLine(r));
            }
            if (hba.stdout().contains("added")) {
                listener.on(ProgressEvent.of(db.container(), ProgressEvent.Phase.WORKING, "allowed " + role + " to replicate (pg_hba.conf, reloaded)"));
            }
        }
        ExecResult dropped = primary.psql("SELECT slot_name, pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
                + "WHERE slot_name ~ '^kaspa_aio_replica_[0-9]+$' AND substring(slot_name from '[0-9]+$')::int > " + db.replicaCount()
                + " AND NOT active");
        if (dropped.exitCode() != 0) {
            throw new ApplyException(db.container() + ": dropping the slots of removed replicas failed: " + PrimaryShell.firstLine(dropped));
        }
        dropped.stdout().lines().filter(l -> !l.isBlank()).forEach(l -> listener.on(ProgressEvent.of(db.container(),
                ProgressEvent.Phase.WORKING, "dropped replication slot " + l.split("\\|")[0] + " (its replica was removed)")));
    }
}
