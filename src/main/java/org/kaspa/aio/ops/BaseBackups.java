package org.kaspa.aio.ops;

import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.ExecResult;
import org.kaspa.aio.profile.BackupSchedule;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.provision.BackupComponents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a database's backup agent holds and does, read and asked through the agent's container: the base
 * backups, the window a point-in-time restore can reach, the agent's last success and failure, and a base
 * backup now.
 */
public final class BaseBackups {
    private final DockerEngine engine;

    public BaseBackups(DockerEngine engine) {
        this.engine = engine;
    }

    /** One base backup: its name (the UTC time it started), when it ended, its size, and what verification said. */
    public record BaseBackup(String name, Instant ended, long bytes, String verification, String timeline) {
        public boolean verified() {
            return verification.equals("verified");
        }
    }

    /**
     * The agent's view: base backups oldest first, the newest archived WAL file's time, the last success and
     * failure, and whether a backup is overdue (none for more than twice the schedule's interval).
     */
    public record Report(List<BaseBackup> backups, Instant latestArchived, Instant lastSuccess, Instant lastFailure, String lastError,
                         boolean pointInTime, String schedule, Duration interval) {
        /** The earliest time a restore can reach: the end of the oldest verified base backup. */
        public Optional<Instant> earliestRestorable() {
            return backups.stream().filter(BaseBackup::verified).map(BaseBackup::ended).min(Comparator.naturalOrder());
        }

        /** The latest archived point: the newest archived WAL file (a restore first archives what the server holds). */
        public Optional<Instant> latestRestorable() {
            Optional<Instant> newestBackup = backups.stream().filter(BaseBackup::verified).map(BaseBackup::ended).max(Comparator.naturalOrder());
            if (!pointInTime || newestBackup.isEmpty() || latestArchived == null) {
                return newestBackup;
            }
            // a backup's last WAL file is archived just before it ends: never earlier than the newest backup's end
            return Optional.of(latestArchived.isAfter(newestBackup.get()) ? latestArchived : newestBackup.get());
        }

        /** A warning for status: the last attempt failed, or no success for twice the schedule's interval; else null. */
        public String warning(Instant now) {
            if (lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess))) {
                return "the last base backup failed" + (lastError == null || lastError.isBlank() ? "" : ": " + lastError);
            }
            Instant last = lastSuccess != null ? lastSuccess
                    : backups.stream().map(BaseBackup::ended).max(Comparator.naturalOrder()).orElse(null);
            if (last != null && Duration.between(last, now).compareTo(interval.multipliedBy(2)) > 0) {
                return "no base backup since " + last + " (more than twice the schedule's interval)";
            }
            return null;
        }
    }

    public Report report(DatabaseProfile db) {
        String id = agent(db);
        ExecResult r = engine.exec(id, List.of("bash", BackupComponents.AGENT_PATH, "list"));
        if (r.exitCode() != 0) {
            throw new DatabaseBackup.BackupException("reading the backups of " + db.container() + " failed: " + firstLine(r));
        }
        List<BaseBackup> backups = new ArrayList<>();
        Instant latest = null;
        Map<String, String> status = new HashMap<>();
        for (String line : r.stdout().lines().toList()) {
            String[] f = line.split("\\|", -1);
            if (f[0].equals("base") && f.length == 6) {
                backups.add(new BaseBackup(f[1], Instant.ofEpochSecond(Long.parseLong(f[2])), Long.parseLong(f[3]), f[4], f[5]));
            } else if (f[0].equals("wal") && f.length == 3) {
                latest = Instant.ofEpochSecond(Long.parseLong(f[2]));
            } else if (f[0].equals("status") && f.length == 2 && f[1].contains("=")) {
                status.put(f[1].substring(0, f[1].indexOf('=')), f[1].substring(f[1].indexOf('=') + 1));
            }
        }
        backups.sort(Comparator.comparing(BaseBackup::name));
        BackupSchedule schedule = BackupSchedule.of(db.backups().schedule());
        return new Report(backups, latest, epoch(status.get("last_success")), epoch(status.get("last_failure")), status.get("last_error"),
                db.backups().pointInTime(), db.backups().schedule(), schedule.interval());
    }

    /** A base backup now (verified, then retention), as the schedule takes them; returns what the agent printed. */
    public String takeNow(DatabaseProfile db) {
        ExecResult r = engine.exec(agent(db), List.of("bash", BackupComponents.AGENT_PATH, "now"));
        if (r.exitCode() != 0) {
            throw new DatabaseBackup.BackupException("the base backup of " + db.container() + " failed: " + lastLine(r));
        }
        return r.stdout().strip();
    }

    private String agent(DatabaseProfile db) {
        if (!db.backedUp()) {
            throw new DatabaseBackup.BackupException(db.container() + " has no scheduled backups (set backups.enabled in profile.json and apply)");
        }
        return engine.findContainer(db.backupContainer()).filter(c -> c.running()).map(c -> c.id()).orElseThrow(() ->
                new DatabaseBackup.BackupException(db.backupContainer() + " is not running; run apply first"));
    }

    private static Instant epoch(String s) {
        return s == null || s.isBlank() ? null : Instant.ofEpochSecond(Long.parseLong(s.strip()));
    }

    static String firstLine(ExecResult r) {
        return (r.stderr() + r.stdout()).strip().lines().findFirst().orElse("exit " + r.exitCode());
    }

    static String lastLine(ExecResult r) {
        List<String> lines = (r.stdout() + "\n" + r.stderr()).strip().lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "exit " + r.exitCode() : lines.get(lines.size() - 1);
    }
}
