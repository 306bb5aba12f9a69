package org.kaspa.aio.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.kaspa.aio.app.Installation;
import org.kaspa.aio.ops.BaseBackups;
import org.kaspa.aio.profile.BackupSchedule;
import org.kaspa.aio.profile.BackupsProfile;
import org.kaspa.aio.profile.Profile;

import java.time.Duration;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Status view's Backups panel: per database with scheduled backups, a summary of its base backups and
 * restorable window, the list of them, a schedule editor (checked as typed, by the profile's rules), and a
 * warning when the last one failed or is overdue; read in the background at start, every minute and after an
 * operation. The operations themselves (back up now, restore to a time) run through
 * the Status view's one-at-a-time operation line ({@link StatusViewModel}).
 */
public final class BackupsViewModel implements AutoCloseable {
    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** One database's line, its schedule editor and its list of base backups. */
    public static final class Row {
        private final String serviceId;
        private final StringProperty summary = new SimpleStringProperty("reading…");
        private final StringProperty warning = new SimpleStringProperty("");
        private final StringProperty schedule = new SimpleStringProperty("");
        private final StringProperty keepBase = new SimpleStringProperty("");
        private final StringProperty scheduleError = new SimpleStringProperty("");
        private final StringProperty nextRun = new SimpleStringProperty("");
        private final BooleanProperty edited = new SimpleBooleanProperty(false);
        private final ObservableList<String> list = FXCollections.observableArrayList();
        private volatile BaseBackups.Report report;
        private BackupsProfile saved;
        private String volume;

        Row(String serviceId, BackupsProfile settings, String volume) {
            this.serviceId = serviceId;
            this.volume = volume;
            saved(settings);
            schedule.addListener((o, a, b) -> check());
            keepBase.addListener((o, a, b) -> check());
            check();
        }

        public String serviceId() { return serviceId; }
        public StringProperty summaryProperty() { return summary; }
        public StringProperty warningProperty() { return warning; }
        /** The schedule editor's fields: a cron expression (UTC) and how many base backups are kept. */
        public StringProperty scheduleProperty() { return schedule; }
        public StringProperty keepBaseProperty() { return keepBase; }
        /** One line naming the field and its rule, or empty. */
        public StringProperty scheduleErrorProperty() { return scheduleError; }
        /** When the edited schedule takes its next base backup, and when it counts as overdue. */
        public StringProperty nextRunProperty() { return nextRun; }
        /** Whether the fields differ from what profile.json holds. */
        public BooleanProperty editedProperty() { return edited; }
        /** The base backups, oldest first: name, size, verification, when it ended. */
        public ObservableList<String> list() { return list; }
        /** The last report read, or null. */
        public BaseBackups.Report report() { return report; }
        /** The database's volume now (a restore switches it), which a restore keeps. */
        public String volume() { return volume; }

        /** What profile.json holds now; the fields follow unless the person has edited them. */
        void saved(BackupsProfile settings) {
            boolean untouched = saved == null || !edited.get();
            saved = settings;
            if (untouched) {
                schedule.set(settings.schedule());
                keepBase.set(String.valueOf(settings.keepBase()));
            }
            check();
        }

        /** After a Save that worked: the fields are what profile.json holds. */
        void savedAs(String newSchedule, int newKeepBase) {
            edited.set(false);
            saved(saved.withSchedule(newSchedule, newKeepBase));
        }

        private void check() {
            String path = "services." + serviceId + ".database.backups.";
            String problem = BackupSchedule.problem(schedule.get());
            Integer keep = keep();
            if (problem != null) {
                scheduleError.set(path + "schedule: " + problem);
            } else if (keep == null) {
                scheduleError.set(path + "keepBase: must be a whole number between 1 and " + BackupsProfile.MAX_KEEP_BASE);
            } else {
                scheduleError.set("");
            }
            if (problem == null) {
                BackupSchedule s = BackupSchedule.of(schedule.get());
                nextRun.set(s.nextRun(java.time.ZonedDateTime.now(ZoneOffset.UTC)).map(t -> "next base backup " + SHOWN.format(t)).orElse("never runs")
                        + " · a warning after " + human(s.interval().multipliedBy(2)) + " without one");
            } else {
                nextRun.set("");
            }
            edited.set(saved != null && (!schedule.get().strip().equals(saved.schedule()) || keep == null || keep != saved.keepBase()));
        }

        /** The keep field as a number within the rule, or null. */
        Integer keep() {
            try {
                int k = Integer.parseInt(keepBase.get().strip());
                return k >= 1 && k <= BackupsProfile.MAX_KEEP_BASE ? k : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** "15 minutes", "2 days", "6 days 6 hours". */
    static String human(Duration d) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return days + (days == 1 ? " day" : " days") + (hours > 0 ? " " + hours + (hours == 1 ? " hour" : " hours") : "");
        }
        if (hours > 0) {
            return hours + (hours == 1 ? " hour" : " hours") + (minutes > 0 ? " " + minutes + " min" : "");
        }
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    /** "20261204T201500Z · 31.2 MB · verified · ended 2026-12-04 20:15:09 UTC". */
    static String line(BaseBackups.BaseBackup b) {
        return b.name() + " · " + String.format(java.util.Locale.ROOT, "%.1f MB", b.bytes() / 1e6) + " · " + b.verification() + " · ended "
                + SHOWN.format(b.ended());
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
                rows.put(id, new Row(id, db.backups(), db.volume()));
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
                r.volume = s.volume();
                r.saved(s.settings());
                r.list.setAll(s.report() == null ? List.of() : s.report().backups().stream().map(BackupsViewModel::line).toList());
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
    public Row row(String serviceId) {
        return rows.get(serviceId);
    }

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
