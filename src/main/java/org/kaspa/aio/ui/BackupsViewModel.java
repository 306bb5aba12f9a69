package org.kaspa.aio.ui;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.kaspa.aio.app.Installation;
import org.kaspa.aio.ops.BaseBackups;
import org.kaspa.aio.profile.Profile;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Status view's Backups panel: per database with scheduled backups, a summary of its base backups and
 * restorable window, and a warning when the last one failed or is overdue; read in the background at start,
 * every minute and after an operation. The operations themselves (back up now, restore to a time) run through
 * the Status view's one-at-a-time operation line ({@link StatusViewModel}).
 */
public final class BackupsViewModel implements AutoCloseable {
    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** One database's line. */
    public static final class Row {
        private final String serviceId;
        private final StringProperty summary = new SimpleStringProperty("reading…");
        private final StringProperty warning = new SimpleStringProperty("");
        private volatile BaseBackups.Report report;

        Row(String serviceId) {
            this.serviceId = serviceId;
        }

        public String serviceId() { return serviceId; }
        public StringProperty summaryProperty() { return summary; }
        public StringProperty warningProperty() { return warning; }
        /** The last report read, or null. */
        public BaseBackups.Report report() { return report; }
    }

    private final BackgroundExecutor executor;
    private final Installation installation;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private javafx.animation.Timeline refresh;

    public BackupsViewModel(BackgroundExecutor executor, Installation installation, Profile profile) {
        this.executor = executor;
        this.installation = installation;
        profile.enabledDatabases().forEach((id, db) -> {
            if (db.backedUp()) {
                rows.put(id, new Row(id));
            }
        });
    }

    public List<Row> rows() {
        return List.copyOf(rows.values());
    }

    public BackupsViewModel start() {
        if (!rows.isEmpty()) {
            refresh = Periodic.every(javafx.util.Duration.minutes(1), this::refresh);
        }
        return this;
    }

    public void refresh() {
        executor.run(installation::backupStates, states -> states.forEach((id, s) -> {
            Row r = rows.get(id);
            if (r != null) {
                r.report = s.report();
                r.summary.set(s.report() == null ? "cannot be read: " + s.error() : summary(s.report()));
                String w = s.warning(Instant.now());
                r.warning.set(w == null ? "" : "WARNING: " + w);
            }
        }), err -> rows.values().forEach(r -> r.summary.set("cannot be read: " + err.getMessage())));
    }

    /** "2 base backups (newest 2026-11-28 18:49:47 UTC, verified) · restorable 2026-… … 2026-… · schedule '0 3 * * *' UTC". */
    static String summary(BaseBackups.Report r) {
        String newest = r.backups().isEmpty() ? "none yet" : r.backups().get(r.backups().size() - 1).verification();
        return r.backups().size() + " base backup" + (r.backups().size() == 1 ? "" : "s") + " (newest: " + newest + ") · restorable "
                + r.earliestRestorable().map(SHOWN::format).orElse("nothing yet") + " … " + r.latestRestorable().map(SHOWN::format).orElse("–")
                + " · schedule '" + r.schedule() + "' UTC";
    }

    /**
     * What a restore to {@code target} (null: the latest) would do, said before it is confirmed; or why it
     * cannot, starting with "Cannot".
     */
    public String restorePreview(String serviceId, Instant target, String currentVolume) {
        Row r = rows.get(serviceId);
        BaseBackups.Report report = r == null ? null : r.report;
        if (report == null || report.earliestRestorable().isEmpty()) {
            return "Cannot restore " + serviceId + " yet: it has no verified base backup.";
        }
        if (target != null && target.isBefore(report.earliestRestorable().get())) {
            return "Cannot restore to " + SHOWN.format(target) + ": the earliest restorable time is " + SHOWN.format(report.earliestRestorable().get()) + ".";
        }
        return "Restore " + serviceId + " to " + (target == null ? "the latest archived point" : SHOWN.format(target))
                + ". It is restored into a new volume and checked (it must start and accept) before the database switches to it. "
                + "The current volume " + currentVolume + " is kept: nothing is lost, and going back is choosing it again.";
    }

    @Override
    public void close() {
        if (refresh != null) {
            refresh.stop();
        }
    }
}
