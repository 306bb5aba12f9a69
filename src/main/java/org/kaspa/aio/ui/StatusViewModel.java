package org.kaspa.aio.ui;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.health.ContainerStateSource;
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
        private final StringProperty lastChange = new SimpleStringProperty("");
        private final StringProperty containerState = new SimpleStringProperty("");

        Row(DatabaseTarget target, String connectionString) {
            this.target = target;
            this.connectionString = connectionString;
        }

        public DatabaseTarget target() { return target; }
        public String connectionString() { return connectionString; }
        public StringProperty verdictProperty() { return verdict; }
        public StringProperty verdictStyleProperty() { return verdictStyle; }
        public StringProperty schemaProperty() { return schema; }
        public StringProperty timescaleProperty() { return timescale; }
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
    private final ServiceCatalog catalog;
    private final Secrets secrets;
    private final Profile profile;
    private final java.util.function.Supplier<org.kaspa.aio.engine.DockerEngine> engines;
    private final javafx.beans.property.StringProperty operation = new SimpleStringProperty("");
    private final javafx.beans.property.DoubleProperty operationProgress = new javafx.beans.property.SimpleDoubleProperty(0);
    private final javafx.beans.property.BooleanProperty busy = new javafx.beans.property.SimpleBooleanProperty(false);
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final Map<String, Row> byService = new LinkedHashMap<>();
    private final HealthMonitor monitor;

    public StatusViewModel(BackgroundExecutor executor, ServiceCatalog catalog, Profile profile, Secrets secrets,
                           ContainerStateSource states, Duration steady,
                           java.util.function.Supplier<org.kaspa.aio.engine.DockerEngine> engines) {
        this.executor = executor;
        this.catalog = catalog;
        this.secrets = secrets;
        this.profile = profile;
        this.engines = engines;
        List<DatabaseTarget> targets = DatabaseTarget.of(profile);
        for (DatabaseTarget t : targets) {
            String pw = secrets.password(t.serviceId()).orElse("");
            Row r = new Row(t, org.kaspa.aio.ops.ConnectionString.of(t.user(), pw, t.host(), t.port(), t.database()));
            byService.put(t.serviceId(), r);
            rows.add(r);
        }
        monitor = new HealthMonitor(targets, states, steady);
        monitor.addListener(e -> executor.onUiThread(() -> onEvent(e)));
    }

    public StatusViewModel start() {
        monitor.start();
        return this;
    }

    private void onEvent(HealthEvent e) {
        Row r = byService.get(e.serviceId());
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
        List<String> expected = catalog.require(r.target.serviceId()).expectedTables();
        executor.run(() -> new SchemaInspector().inspect(r.target, secrets.password(r.target.serviceId()).orElse(""), expected),
                s -> {
                    r.schema.set(s.presentTables().size() + "/" + expected.size());
                    r.timescale.set(s.timescaledbVersion() == null ? "not installed" : s.timescaledbVersion());
                },
                err -> r.schema.set("unreadable"));
    }

    // ---- operations: backup, restore, export; one at a time, with progress ----

    private interface Operation<T> {
        T run(org.kaspa.aio.engine.DockerEngine engine) throws Exception;
    }

    private <T> void operate(String starting, Operation<T> work, java.util.function.Function<T, String> done) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        operation.set(starting);
        operationProgress.set(-1);
        executor.run(() -> {
            try (var engine = engines.get()) {
                return work.run(engine);
            }
        }, result -> {
            busy.set(false);
            operationProgress.set(1);
            operation.set(done.apply(result));
        }, e -> {
            busy.set(false);
            operationProgress.set(0);
            operation.set("Failed: " + e.getMessage());
        });
    }

    public void backup(Row r, java.nio.file.Path file, org.kaspa.aio.ops.DumpFormat format) {
        var db = profile.service(r.target.serviceId()).database();
        operate("Backing up " + db.container() + "…", engine -> new org.kaspa.aio.ops.DatabaseBackup(engine).backup(db, format, file,
                        bytes -> executor.onUiThread(() -> operation.set(String.format("Backing up %s… %.1f MB", db.container(), bytes / 1e6)))),
                res -> String.format("Backup written: %s (%d bytes, sha256 %s)", res.file(), res.bytes(), res.sha256()));
    }

    /**
     * Restore with a question first: counts the tables a restore would overwrite in the background, then
     * (on the UI thread) asks {@code confirm} when there are any, and restores only if it says yes.
     */
    public void restoreAfterConfirmation(Row r, java.nio.file.Path file, java.util.function.IntPredicate confirm) {
        var db = profile.service(r.target.serviceId()).database();
        operation.set("Checking " + db.name() + "…");
        executor.run(() -> {
            try (var engine = engines.get()) {
                return new org.kaspa.aio.ops.DatabaseBackup(engine).existingTables(db);
            }
        }, existing -> {
            if (existing == 0 || confirm.test(existing)) {
                restore(r, file);
            } else {
                operation.set("Restore cancelled; nothing was changed.");
            }
        }, e -> operation.set("Failed: " + e.getMessage()));
    }

    public void restore(Row r, java.nio.file.Path file) {
        var db = profile.service(r.target.serviceId()).database();
        operate("Restoring " + file.getFileName() + " into " + db.container() + "…",
                engine -> new org.kaspa.aio.ops.DatabaseBackup(engine).restore(db, file),
                f -> "Restored " + file + " (" + f.word() + " format) into " + db.name());
    }

    public void export(java.nio.file.Path dir) {
        operate("Exporting the compose stack…", engine -> new org.kaspa.aio.ops.ComposeExport(catalog).export(profile, secrets, dir),
                files -> "Exported " + files.size() + " files to " + dir + " (run: docker-compose up -d)");
    }

    public javafx.beans.property.StringProperty operationProperty() { return operation; }
    public javafx.beans.property.DoubleProperty operationProgressProperty() { return operationProgress; }
    public javafx.beans.property.BooleanProperty busyProperty() { return busy; }

    public ObservableList<Row> rows() { return rows; }

    @Override
    public void close() {
        monitor.close();
    }
}
