package org.kaspa.aio.ui;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.kaspa.aio.app.Installation;
import org.kaspa.aio.health.DatabaseTarget;
import org.kaspa.aio.health.HealthEvent;
import org.kaspa.aio.health.HealthMonitor;
import org.kaspa.aio.health.Readiness;
import org.kaspa.aio.health.SchemaInspector;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 6: a live row per database bound to the core's {@link HealthMonitor}; schema n/N and the
 * TimescaleDB version are read in the background whenever a database (re)starts accepting.
 */
public final class StatusViewModel implements AutoCloseable {
    public static final class Row {
        private final DatabaseTarget target;
        private final String connectionString;
        private final StringProperty verdict = new SimpleStringProperty("checking…");
        private final StringProperty verdictStyle = new SimpleStringProperty("verdict-unknown");
        private final StringProperty schema = new SimpleStringProperty("–");
        private final StringProperty timescale = new SimpleStringProperty("–");
        private final StringProperty sizing = new SimpleStringProperty("–");
        private final StringProperty lastChange = new SimpleStringProperty("");
        private final StringProperty containerState = new SimpleStringProperty("");

        private final boolean pooler;
        private final int replica;

        Row(DatabaseTarget target, String connectionString, boolean pooler, int replica) {
            this.target = target;
            this.connectionString = connectionString;
            this.pooler = pooler;
            this.replica = replica;
        }

        public DatabaseTarget target() { return target; }
        /** A PgBouncer's row: pool figures instead of schema and limits, no backup or restore. */
        public boolean pooler() { return pooler; }
        /** A read replica's row (its number, 0 for others): streaming and lag instead of limits, no backup or restore. */
        public int replica() { return replica; }
        /** Whether the row is a database's own container (backups, restores, logs and psql apply to it). */
        public boolean primary() { return !pooler && replica == 0; }
        /** "k-indexer", "k-indexer (pooler)" or "k-indexer (replica 1)". */
        public String label() { return target.serviceId() + (pooler ? " (pooler)" : replica > 0 ? " (replica " + replica + ")" : ""); }
        public String connectionString() { return connectionString; }
        public StringProperty verdictProperty() { return verdict; }
        public StringProperty verdictStyleProperty() { return verdictStyle; }
        public StringProperty schemaProperty() { return schema; }
        public StringProperty timescaleProperty() { return timescale; }
        /** "3968 MB · 0.5 CPUs · shared_buffers 992MB": the limits and what the server runs with. */
        public StringProperty sizingProperty() { return sizing; }
        public StringProperty lastChangeProperty() { return lastChange; }
        public StringProperty containerStateProperty() { return containerState; }

        /** The design's operations for this database, ready to paste into a terminal. */
        public String designCommands() {
            String c = target.container();
            return "docker exec " + c + " pg_isready -U " + target.user() + " -d " + target.database() + "\n"
                    + "docker exec -it " + c + " psql -U " + target.user() + " -d " + target.database() + "\n"
                    + "docker exec " + c + " pg_dump -U " + target.user() + " " + target.database() + " > " + c + "-backup.sql\n";
        }
    }

    private final BackgroundExecutor executor;
    private final Installation installation;
    private final Secrets secrets;
    private final javafx.beans.property.StringProperty operation = new SimpleStringProperty("");
    private final javafx.beans.property.DoubleProperty operationProgress = new javafx.beans.property.SimpleDoubleProperty(0);
    private final javafx.beans.property.BooleanProperty busy = new javafx.beans.property.SimpleBooleanProperty(false);
    /** Whether the operation under way takes a Cancel now (a point-in-time restore, until it switches). */
    private final javafx.beans.property.BooleanProperty cancellable = new javafx.beans.property.SimpleBooleanProperty(false);
    private org.kaspa.aio.progress.Cancellation cancellation = org.kaspa.aio.progress.Cancellation.none();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final Map<String, Row> byService = new LinkedHashMap<>();
    private final HealthMonitor monitor;
    private final ActivityViewModel activity;
    private final BackupsViewModel backups;
    private final Profile profile;

    public StatusViewModel(BackgroundExecutor executor, Installation installation, Profile profile, Secrets secrets,
                           Duration steady) {
        this.executor = executor;
        this.installation = installation;
        this.secrets = secrets;
        this.profile = profile;
        monitor = installation.monitor(profile, steady);
        activity = new ActivityViewModel(executor, installation.activityFeed(profile), installation.monitoringPages(profile));
        backups = new BackupsViewModel(executor, installation, profile);
        for (DatabaseTarget t : monitor.targets()) {
            String pw = secrets.password(t.serviceId()).orElse("");
            var strings = installation.connectionStrings(profile, t.serviceId(), pw);
            var db = profile.service(t.serviceId()).database();
            boolean pooler = t.container().equals(db.poolerContainer());
            int replica = 0;
            for (int n = 1; n <= db.replicaCount(); n++) {
                replica = t.container().equals(db.replicaContainer(n)) ? n : replica;
            }
            String connection = pooler ? strings.pooledFromThisMachine() : replica > 0
                    ? org.kaspa.aio.ops.ConnectionString.of(t.user(), pw, t.endpoint().publishedHost(), t.endpoint().publishedPort(), t.database())
                    : strings.fromThisMachine();
            Row r = new Row(t, connection, pooler, replica);
            byService.put(t.container(), r);
            rows.add(r);
        }
        monitor.addListener(e -> executor.onUiThread(() -> onEvent(e)));
    }

    /** "127.0.0.1:5433", or "127.0.0.1:5433 (engine's host)" for a remote engine's loopback. */
    public String portText(Row r) {
        var e = r.target().endpoint();
        return org.kaspa.aio.profile.HostAddress.forUrl(e.publishedHost()) + ":" + e.publishedPort() + (e.throughEngine() ? " (engine's host)" : "");
    }

    /** Where the verdicts come from: this machine, or the engine when the ports are out of this machine's reach. */
    public String probedFrom() {
        return rows.stream().anyMatch(r -> r.target().endpoint().throughEngine())
                ? "checked through the engine: the ports are bound to the loopback of the engine's host, out of this machine's reach"
                : "probed from this machine";
    }

    public StatusViewModel start() {
        monitor.start();
        activity.start();
        backups.start();
        if (profile.monitored() && !profile.enabledDatabases().isEmpty()) {
            // what Prometheus says now, every 10 s, read in the background
            monitoringRefresh = Periodic.every(javafx.util.Duration.seconds(10), this::refreshMonitoring);
        }
        return this;
    }

    private javafx.animation.Timeline monitoringRefresh;
    private final StringProperty monitoring = new SimpleStringProperty("");

    private void refreshMonitoring() {
        executor.run(() -> installation.monitoring(profile), m -> monitoring.set(monitoringText(m)),
                err -> monitoring.set("Prometheus unreadable: " + err.getMessage()));
    }

    /** "Prometheus ready on 127.0.0.1:9090 · no alert firing", or the firing alerts. */
    static String monitoringText(org.kaspa.aio.health.MonitoringStatus m) {
        if (m.error() != null) {
            return "Prometheus on " + m.prometheus().describe() + ": " + m.error();
        }
        String alerts = m.firing().isEmpty() ? "no alert firing" : String.join(" · ", m.firing().stream()
                .map(a -> "ALERT " + a.name() + ": " + a.summary()).toList());
        return "Prometheus ready on " + m.prometheus().describe() + " · " + alerts;
    }

    /** The monitoring line: empty while monitoring is off. */
    public StringProperty monitoringProperty() {
        return monitoring;
    }

    private void onEvent(HealthEvent e) {
        Row r = byService.get(e.current().target().container());
        Readiness now = e.current().readiness();
        r.verdict.set(now.text());
        r.verdictStyle.set(switch (now) {
            case ACCEPTING -> "verdict-accepting";
            case REJECTING -> "verdict-rejecting";
            default -> "verdict-down";
        });
        r.containerState.set(e.current().containerState());
        r.lastChange.set(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")));
        if (now == Readiness.ACCEPTING && (e.previous() == null || e.previous().readiness() != Readiness.ACCEPTING)) {
            refreshSchema(r);
        }
    }

    public void refreshSchema(Row r) {
        if (r.replica > 0) {
            executor.run(() -> installation.replicaStatus(profile, r.target.serviceId()).stream()
                            .filter(s -> s.target().container().equals(r.target.container())).findFirst().orElseThrow(),
                    s -> r.sizing.set(replicationText(s)),
                    err -> r.sizing.set("replication figures unreadable"));
            return;
        }
        if (r.pooler) {
            executor.run(() -> installation.poolFigures(r.target),
                    f -> r.sizing.set("clients " + f.clientsActive() + " active, " + f.clientsWaiting() + " waiting · "
                            + f.serverConnections() + " server conns · avg query " + f.avgQueryUs() + " µs"),
                    err -> r.sizing.set("pool figures unreadable"));
            return;
        }
        List<String> expected = installation.catalog().require(r.target.serviceId()).expectedTables();
        record Seen(SchemaInspector.Schema schema, org.kaspa.aio.health.DatabaseStatus.Limits limits) {
        }
        executor.run(() -> new Seen(new SchemaInspector().inspect(r.target, secrets.password(r.target.serviceId()).orElse(""), expected),
                        installation.limits(r.target.container())),
                seen -> {
                    var s = seen.schema();
                    r.schema.set(s.presentTables().size() + "/" + expected.size());
                    r.timescale.set(s.timescaledbVersion() == null ? "not installed" : s.timescaledbVersion());
                    r.sizing.set(sizingText(seen.limits(), s.settings()));
                },
                err -> r.schema.set("unreadable"));
    }

    /** "streaming · lag 0 bytes, 0.0 s", or why the replica is degraded. */
    static String replicationText(org.kaspa.aio.health.ReplicaStatus s) {
        String figures = s.streaming() + (s.lagBytes() == null ? "" : String.format(" · lag %d bytes, %.1f s", s.lagBytes(), s.lagSeconds()));
        return s.degraded() ? figures + " · degraded: " + s.problem() : figures;
    }

    static String sizingText(org.kaspa.aio.health.DatabaseStatus.Limits l, Map<String, String> settings) {
        String limits = l == null || l.memoryMb() == 0 ? "no limits"
                : l.memoryMb() + " MB · " + DatabaseForm.number(l.cpus()) + (l.cpus() == 1 ? " CPU" : " CPUs");
        String shared = settings.get("shared_buffers");
        return shared == null ? limits : limits + " · shared_buffers " + shared;
    }

    // ---- operations: backup, restore, export; one at a time, with progress ----

    private interface Operation<T> {
        T run() throws Exception;
    }

    private <T> void operate(String starting, Operation<T> work, java.util.function.Function<T, String> done) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        operation.set(starting);
        operationProgress.set(-1);
        executor.run(work::run, result -> {
            busy.set(false);
            cancellable.set(false);
            operationProgress.set(1);
            operation.set(done.apply(result));
        }, e -> {
            busy.set(false);
            cancellable.set(false);
            operationProgress.set(0);
            operation.set(e instanceof org.kaspa.aio.progress.Cancellation.Cancelled ? e.getMessage() : "Failed: " + e.getMessage());
        });
    }

    public void backup(Row r, java.nio.file.Path file, org.kaspa.aio.ops.DumpFormat format) {
        String container = r.target.container();
        operate("Backing up " + container + "…", () -> installation.backup(r.target.serviceId(), format, file,
                        bytes -> executor.onUiThread(() -> operation.set(String.format("Backing up %s… %.1f MB", container, bytes / 1e6)))),
                res -> String.format("Backup written: %s (%d bytes, sha256 %s)", res.file(), res.bytes(), res.sha256()));
    }

    /**
     * Restore with a question first: counts the tables a restore would overwrite in the background, then
     * (on the UI thread) asks {@code confirm} when there are any, and restores only if it says yes.
     */
    public void restoreAfterConfirmation(Row r, java.nio.file.Path file, java.util.function.IntPredicate confirm) {
        operation.set("Checking " + r.target.database() + "…");
        executor.run(() -> installation.existingTables(r.target.serviceId()), existing -> {
            if (existing == 0 || confirm.test(existing)) {
                restore(r, file);
            } else {
                operation.set("Restore cancelled; nothing was changed.");
            }
        }, e -> operation.set("Failed: " + e.getMessage()));
    }

    public void restore(Row r, java.nio.file.Path file) {
        operate("Restoring " + file.getFileName() + " into " + r.target.container() + "…",
                () -> installation.restore(r.target.serviceId(), file, seconds -> executor.onUiThread(() -> operation.set(
                        "Restoring " + file.getFileName() + " into " + r.target.container() + "… " + seconds + " s"))),
                f -> "Restored " + file + " (" + f.word() + " format) into " + r.target.database());
    }

    public void export(java.nio.file.Path dir) {
        operate("Exporting the compose stack…", () -> installation.export(dir),
                files -> "Exported " + files.size() + " files to " + dir + " (run: docker-compose up -d)");
    }

    /** Follows a database container's log; lines arrive on a stream thread, the result stops it. */
    public java.io.Closeable followLogs(Row r, java.util.function.Consumer<String> lines, Runnable onEnd) throws java.io.IOException {
        return installation.followLogs(r.target.serviceId(), LogViewer.INITIAL_LINES, true, lines, onEnd);
    }

    public javafx.beans.property.StringProperty operationProperty() { return operation; }
    public javafx.beans.property.DoubleProperty operationProgressProperty() { return operationProgress; }
    public javafx.beans.property.BooleanProperty busyProperty() { return busy; }

    public ObservableList<Row> rows() { return rows; }

    /** The charts of the databases' activity. */
    public ActivityViewModel activity() { return activity; }

    /** The Backups panel's lines (databases with scheduled backups). */
    public BackupsViewModel backups() { return backups; }

    /** A base backup of {@code serviceId} now (the agent's: verified, then retention). */
    public void backUpNow(String serviceId) {
        operate("Taking a base backup of " + serviceId + "…", () -> installation.takeBaseBackup(serviceId), out -> {
            backups.refresh();
            return "Base backup of " + serviceId + " taken.";
        });
    }

    /** The database's current volume (a restore switches it), which a restore keeps. */
    public String currentVolume(String serviceId) {
        var row = backups.row(serviceId);
        return row != null ? row.volume() : profile.service(serviceId).database().volume();
    }

    /**
     * The schedule editor's Save: the schedule and retention the row's fields hold, converged (the agent takes
     * them) and stored; the fields' own check has passed (the button waits for it), and the core checks again.
     */
    public void saveSchedule(String serviceId) {
        BackupsViewModel.Row r = backups.row(serviceId);
        if (r == null || !r.scheduleErrorProperty().get().isEmpty() || r.keep() == null) {
            return;
        }
        String schedule = r.scheduleProperty().get().strip();
        int keep = r.keep();
        operate("Changing the backup schedule of " + serviceId + "…", () -> installation.changeBackupSchedule(serviceId, schedule, keep,
                Installation.DEFAULT_READY_TIMEOUT, e -> executor.onUiThread(() -> operation.set(e.component() + ": " + e.message()))), plan -> {
            r.savedAs(schedule, keep);
            backups.refresh();
            return "Backups of " + serviceId + ": schedule '" + schedule + "' UTC, keeping " + keep + " base backup" + (keep == 1 ? "" : "s")
                    + "; the agent runs with it.";
        });
    }

    /** Whether the operation under way takes a Cancel now. */
    public javafx.beans.property.BooleanProperty cancellableProperty() { return cancellable; }

    /** Cancel for the operation under way: taken until its point of no return, then refused with the reason. */
    public void cancelOperation() {
        if (cancellation.request()) {
            operation.set("Cancelling… the restore stops and removes the volume it made.");
        } else {
            operation.set("Too late to cancel: the database is switching to the restored volume.");
        }
        cancellable.set(false);
    }

    /** A point-in-time restore to {@code target} (null: the latest), confirmed by the person; progress on the operation line, Cancel until it switches. */
    public void restoreTo(String serviceId, java.time.Instant target) {
        if (busy.get()) {
            return;
        }
        org.kaspa.aio.progress.Cancellation c = new org.kaspa.aio.progress.Cancellation();
        cancellation = c;
        cancellable.set(true);
        operate("Restoring " + serviceId + "…", () -> installation.restoreToPointInTime(serviceId, target,
                Installation.DEFAULT_READY_TIMEOUT, e -> executor.onUiThread(() -> {
                    if (!c.requested()) {
                        operation.set(e.component() + ": " + e.message());
                    }
                    cancellable.set(c.open() && busy.get());
                }), c), r -> {
            backups.refresh();
            return "Restored " + serviceId + " into volume " + r.newVolume() + " (from base backup " + r.baseBackup() + "); the previous volume "
                    + r.previousVolume() + " is kept.";
        });
    }

    @Override
    public void close() {
        monitor.close();
        activity.close();
        backups.close();
        if (monitoringRefresh != null) {
            monitoringRefresh.stop();
        }
    }
}
