package org.kaspa.aio.provision;

import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.ExecResult;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.progress.ProgressListener;

/**
 * With monitoring on, a database keeps the monitoring role its exporter logs in as: LOGIN and pg_monitor
 * (the statistics views and settings it reads), nothing of the data, with the stored secret's verifier.
 */
final class MonitoringRoleUpkeep implements Upkeep {
    private final DatabaseProfile db;
    private final String verifier;

    MonitoringRoleUpkeep(DatabaseProfile db, String verifier) {
        this.db = db;
        this.verifier = verifier;
    }

    @Override
    public void run(DockerEngine engine, String containerId, ProgressListener listener) {
        String role = ExporterComponents.MONITOR_USER;
        ExecResult r = new PrimaryShell(engine, containerId, db.user(), db.name()).psql(
                "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = " + PrimaryShell.literal(role) + ") THEN "
                        + "CREATE ROLE " + role + " WITH LOGIN; END IF; END$$",
                "ALTER ROLE " + role + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD " + PrimaryShell.literal(verifier),
                "GRANT pg_monitor TO " + role);
        if (r.exitCode() != 0) {
            throw new ApplyException(db.container() + ": keeping the monitoring role failed: " + PrimaryShell.firstLine(r));
        }
    }
}
