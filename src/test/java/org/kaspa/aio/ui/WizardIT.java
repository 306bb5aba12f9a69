package org.kaspa.aio.ui;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.app.Installation;
import org.kaspa.aio.profile.KaspaAioHome;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.Screenshots;
import org.kaspa.aio.testsupport.TestEngine;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The wizard end to end in real JavaFX windows (TestFX, Monocle headless) on the real engine. Every
 * step a test passes is saved as a PNG under target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WizardIT {
    private static Path home;
    private final FxRobot robot = new FxRobot();
    private Stage stage;

    @BeforeAll
    static void setUp() throws Exception {
        TestEngine.reset();
        home = Files.createTempDirectory("kaspa-aio-wizard");
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void tearDown() {
        TestEngine.reset();
    }

    @AfterEach
    void closeWindow() throws Exception {
        FxToolkit.cleanupStages();
    }

    /** The file the next "save"/"open" dialog answers with, and the folder for the next folder dialog. */
    private static Path nextFile;
    private static Path nextDirectory;

    /** The pages the Status view asked the browser to open. */
    private static final java.util.List<String> OPENED = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final FileDialogs FIXED = new FileDialogs() {
        @Override
        public java.util.Optional<Path> saveFile(javafx.stage.Window owner, String title, String suggestedName) {
            return java.util.Optional.ofNullable(nextFile);
        }

        @Override
        public java.util.Optional<Path> openFile(javafx.stage.Window owner, String title) {
            return java.util.Optional.ofNullable(nextFile);
        }

        @Override
        public java.util.Optional<Path> chooseDirectory(javafx.stage.Window owner, String title) {
            return java.util.Optional.ofNullable(nextDirectory);
        }
    };

    private void open(Path homeDir, String dockerHost) throws Exception {
        open(Installation.open(new KaspaAioHome(homeDir), dockerHost));
    }

    private void open(Installation installation) throws Exception {
        WizardContext ctx = new WizardContext(installation, new FxBackgroundExecutor(), FIXED, OPENED::add);
        stage = FxToolkit.setupStage(s -> new InstallerApp().start(s, ctx));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void await(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    /**
     * The scene graph is the FX thread's: a lookup from the test thread (every await's condition) can race a
     * ListView laying out its cells, so it runs there.
     */
    private <T extends Node> T find(String query) {
        if (javafx.application.Platform.isFxApplicationThread()) {
            return robot.lookup(query).query();
        }
        try {
            return WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).<T>query()).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new RuntimeException("looking up " + query, e);
        }
    }

    /** Whether {@code query} finds a node now (asked on the FX thread, like {@link #find}). */
    private boolean present(String query) {
        if (javafx.application.Platform.isFxApplicationThread()) {
            return robot.lookup(query).tryQuery().isPresent();
        }
        try {
            return WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).tryQuery().isPresent()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new RuntimeException("looking up " + query, e);
        }
    }

    private void set(String query, String text) {
        TextField f = find(query);
        robot.interact(() -> f.setText(text));
    }

    private boolean nextEnabled() {
        return !((Button) find("#next")).isDisabled();
    }

    /** Edits the first row's cell of a column as typing and Enter would: the cell's own text field commits it. */
    private <S> void typeIntoCell(TableView<S> table, int column, String text) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> table.edit(0, table.getColumns().get(column)));
        await(5, () -> robot.from(table).lookup(".text-field").tryQuery().isPresent());
        TextField editor = robot.from(table).lookup(".text-field").query();
        robot.interact(() -> {
            editor.setText(text);
            editor.fireEvent(new javafx.event.ActionEvent());
        });
    }

    /** Points in the line of one chart of the Status view's activity charts. */
    private int chartPoints(String container, String metric) {
        javafx.scene.chart.LineChart<?, ?> chart = find("#chart-" + container + "-" + metric);
        return chart.getData().isEmpty() ? 0 : chart.getData().get(0).getData().size();
    }

    private void scrollToBottom() {
        javafx.scene.control.ScrollPane pane = find(".scroll-pane");
        robot.interact(() -> pane.setVvalue(pane.getVmax()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Scrolls the Status view so that {@code query}'s node is at the top, for a screenshot of it. */
    private void scrollIntoView(String query) {
        javafx.scene.control.ScrollPane pane = find(".scroll-pane");
        Node node = find(query);
        robot.interact(() -> {
            double y = pane.getContent().sceneToLocal(node.localToScene(0, 0)).getY();
            double scrollable = pane.getContent().getBoundsInLocal().getHeight() - pane.getViewportBounds().getHeight();
            pane.setVvalue(scrollable <= 0 ? 0 : Math.min(1, Math.max(0, (y - 20) / scrollable)) * pane.getVmax());
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shot(String name) {
        Screenshots.save(robot, stage, name);
    }

    @Test
    @Order(1)
    void freshInstallThroughAllSixStepsWithNonDefaultPorts() throws Exception {
        open(home, TestEngine.dockerHost());
        assertEquals("Kaspa All-in-One Installer", stage.getTitle());
        await(20, () -> nextEnabled() && ((Label) find("#engine-summary")).getText().startsWith("Docker engine 20.10"));
        assertEquals(List.of("Port 5433 (K social indexer): free", "Port 5434 (Simply Kaspa indexer): free"),
                ((javafx.scene.layout.VBox) find("#port-checks")).getChildren().stream().map(n -> ((Label) n).getText()).toList());
        shot("01-welcome");

        robot.clickOn("#next");
        assertTrue(find("#service-k-indexer").isVisible());
        shot("02-services");

        robot.type(KeyCode.ENTER); // Enter = Next
        await(5, () -> present("#port-k-indexer"));
        set("#port-k-indexer", "15433");
        set("#port-simply-kaspa-indexer", "15434");
        set("#image-k-indexer", TestEngine.image());
        set("#image-simply-kaspa-indexer", TestEngine.image());
        // the poolers stay on (a new install's default) on the PgBouncer stand-in, whose 1.18 pools by session
        assertTrue(((javafx.scene.control.CheckBox) find("#pooler-k-indexer")).isSelected());
        assertEquals("6433", ((TextField) find("#pooler-port-k-indexer")).getText());
        for (String id : List.of("k-indexer", "simply-kaspa-indexer")) {
            set("#pooler-image-" + id, TestEngine.poolerImage());
            javafx.scene.control.ComboBox<String> mode = find("#pool-mode-" + id);
            robot.interact(() -> mode.setValue("session"));
        }
        await(5, this::nextEnabled);
        // the engine's machine, split: the chain database gets the larger share, nothing typed yet
        long engineMb = Long.parseLong(TestEngine.dockerOk("info", "-f", "{{.MemTotal}}").trim()) >> 20;
        await(10, () -> !((TextField) find("#memory-k-indexer")).getText().isEmpty());
        assertTrue(((Label) find("#engine-machine")).getText().startsWith("The engine's machine has " + engineMb + " MB of memory"),
                ((Label) find("#engine-machine")).getText());
        assertTrue(Integer.parseInt(((TextField) find("#memory-simply-kaspa-indexer")).getText())
                > Integer.parseInt(((TextField) find("#memory-k-indexer")).getText()));
        set("#memory-k-indexer", "100");
        await(5, () -> ((Label) find("#memory-k-indexer-error")).getText().equals("must be at least 256 (MB; got 100)"));
        assertFalse(nextEnabled());
        set("#memory-k-indexer", "1024");
        set("#cpus-k-indexer", "1");
        robot.clickOn("#advanced-k-indexer");
        robot.clickOn("#add-setting-k-indexer");
        TableView<DatabaseForm.SettingRow> settings = find("#settings-k-indexer");
        await(5, () -> settings.getItems().size() == 1);
        typeIntoCell(settings, 0, "work_mem");
        await(5, () -> "work_mem".equals(settings.getItems().get(0).nameProperty().get()));
        typeIntoCell(settings, 1, "8MB");
        await(5, () -> "8MB".equals(settings.getItems().get(0).valueProperty().get()) && nextEnabled());
        assertEquals("work_mem", settings.getItems().get(0).nameProperty().get());
        // monitoring on (a new install's default), on the exporter and Prometheus stand-ins
        assertTrue(((javafx.scene.control.CheckBox) find("#monitoring")).isSelected());
        set("#exporter-image", TestEngine.exporterImage());
        set("#pooler-exporter-image", TestEngine.poolerExporterImage());
        set("#volume-exporter-image", TestEngine.volumeExporterImage());
        set("#prometheus-image", TestEngine.prometheusImage());
        // no Grafana image here (no registry, no Debian package): left out
        javafx.scene.control.CheckBox grafana = find("#grafana");
        assertTrue(grafana.isSelected(), "on by default");
        robot.interact(() -> grafana.setSelected(false));
        // one read replica of the K database, after a count out of range is refused inline
        set("#replicas-k-indexer", "9");
        await(5, () -> ((Label) find("#replicas-k-indexer-error")).getText().equals("count must be between 0 and 5") && !nextEnabled());
        set("#replicas-k-indexer", "1");
        assertEquals("5443", ((TextField) find("#replica-ports-k-indexer")).getText());
        await(5, this::nextEnabled);
        shot("03-databases");

        robot.clickOn("#next");
        await(30, () -> ((ListView<?>) find("#plan-list")).getItems().stream().anyMatch(l -> l.toString().startsWith("Create container k-social-db")));
        List<?> plan = ((ListView<?>) find("#plan-list")).getItems();
        assertTrue(plan.stream().anyMatch(l -> l.toString().equals("Create container k-social-db (" + TestEngine.image()
                + ", 127.0.0.1:15433 -> 5432, 1024 MB, 1 CPUs)")), plan.toString());
        assertTrue(plan.stream().anyMatch(l -> l.toString().equals("Create container k-social-db-replica-1 (" + TestEngine.image()
                + ", 127.0.0.1:5443 -> 5432, 1024 MB, 1 CPUs; seeded from k-social-db with pg_basebackup)")), plan.toString());
        assertTrue(plan.stream().anyMatch(l -> l.toString().startsWith("Create container simply-kaspa-db (" + TestEngine.image()
                + ", 127.0.0.1:15434 -> 5432, ")), plan.toString());
        List<?> connections = ((ListView<?>) find("#connection-list")).getItems();
        assertTrue(connections.stream().allMatch(l -> l.toString().contains(ReviewViewModel.MASK)), connections.toString());
        assertTrue(((javafx.scene.control.TextArea) find("#compose-view")).getText().contains("\"127.0.0.1:15433:5432\""));
        assertEquals("Install", ((Button) find("#next")).getText());
        shot("04-review");

        robot.clickOn("#next");
        await(180, this::nextEnabled);
        assertTrue(((Label) find("#install-state")).getText().startsWith("Installed"), ((Label) find("#install-state")).getText());
        shot("05-install");

        robot.clickOn("#next");
        await(30, () -> {
            TableView<StatusViewModel.Row> t = find("#status-table");
            return t.getItems().size() == 5 && t.getItems().stream().allMatch(r -> r.verdictProperty().get().equals("accepting connections")
                    && (r.pooler() ? r.sizingProperty().get().startsWith("clients ") : r.replica() > 0
                    ? r.sizingProperty().get().startsWith("streaming") : r.schemaProperty().get().contains("/")));
        });
        TableView<StatusViewModel.Row> table = find("#status-table");
        assertEquals("0/8", table.getItems().get(0).schemaProperty().get());
        assertEquals("k-indexer (pooler)", table.getItems().get(2).label());
        assertEquals("k-indexer (replica 1)", table.getItems().get(4).label());
        robot.interact(() -> table.getSelectionModel().select(4));
        assertTrue(((Label) find("#row-detail")).getText().startsWith("k-social-db-replica-1 on 127.0.0.1:5443 — replication: streaming · lag "),
                ((Label) find("#row-detail")).getText());
        assertTrue(((Button) find("#backup")).isDisabled(), "a replica holds only a copy: back up the database itself");
        shot("06-status-replica");
        await(10, () -> table.getItems().get(0).sizingProperty().get().equals("1024 MB · 1 CPU · shared_buffers 256MB"));
        robot.interact(() -> table.getSelectionModel().select(0));
        assertEquals("k-social-db on 127.0.0.1:15433 — limits: 1024 MB · 1 CPU · shared_buffers 256MB", ((Label) find("#row-detail")).getText());
        await(20, () -> ((Label) find("#monitoring-status")).getText().startsWith("Prometheus ready on 127.0.0.1:9090 · "));
        shot("06-status");
        // the charts: fed from Prometheus; its page opens in the browser (Grafana was left out: no button for it)
        await(30, () -> ((Label) find("#activity-source")).getText().equals("from Prometheus"));
        await(60, () -> chartPoints("k-social-db", "connections") >= 2 && chartPoints("simply-kaspa-db", "size") >= 2);
        scrollToBottom();
        shot("06-status-charts");
        assertTrue(!present("#open-grafana"));
        Button prometheusPage = find("#open-prometheus");
        robot.interact(prometheusPage::fire);
        assertEquals(List.of("http://127.0.0.1:9090/"), OPENED);

        // Backups (on in a new install): the agent's first base backup, Back up now, then Restore to… the latest point
        await(90, () -> ((Label) find("#backups-k-indexer")).getText().contains("(newest: verified)"));
        await(30, () -> this.<javafx.scene.control.ListView<String>>find("#backup-list-k-indexer").getItems().size() == 1);
        assertTrue(this.<javafx.scene.control.ListView<String>>find("#backup-list-k-indexer").getItems().get(0)
                .matches("\\d{8}T\\d{6}Z · \\d+\\.\\d MB · verified · ended .* UTC"), "the list says what each base backup is");
        assertTrue(((Label) find("#backup-next-k-indexer")).getText().startsWith("next base backup "), ((Label) find("#backup-next-k-indexer")).getText());
        shot("06-status-backups");
        // the schedule editor: a bad expression is one line naming the field, and cannot be saved
        Button save = find("#backup-save-k-indexer");
        assertTrue(save.isDisabled(), "nothing edited yet");
        robot.interact(() -> ((javafx.scene.control.TextField) find("#backup-schedule-k-indexer")).setText("0 4 * *"));
        assertTrue(((Label) find("#backup-schedule-error-k-indexer")).getText().startsWith("services.k-indexer.database.backups.schedule: must have five fields"),
                ((Label) find("#backup-schedule-error-k-indexer")).getText());
        assertTrue(save.isDisabled());
        shot("06-status-backup-schedule-error");
        robot.interact(() -> {
            ((javafx.scene.control.TextField) find("#backup-schedule-k-indexer")).setText("0 4 * * *");
            ((javafx.scene.control.TextField) find("#backup-keep-k-indexer")).setText("5");
        });
        assertFalse(((Label) find("#backup-schedule-error-k-indexer")).isVisible());
        robot.interact(save::fire);
        await(90, () -> ((Label) find("#operation")).getText().startsWith("Backups of k-indexer: schedule '0 4 * * *' UTC, keeping 5 base backups")
                || ((Label) find("#operation")).getText().startsWith("Failed"));
        assertTrue(((Label) find("#operation")).getText().startsWith("Backups of k-indexer"), ((Label) find("#operation")).getText());
        var savedBackups = new org.kaspa.aio.profile.ProfileStore(org.kaspa.aio.catalog.ServiceCatalog.load()).read(home.resolve("profile.json"))
                .service("k-indexer").database().backups();
        assertEquals("0 4 * * *", savedBackups.schedule());
        assertEquals(5, savedBackups.keepBase());
        assertTrue(TestEngine.docker("inspect", "--format", "{{join .Config.Env \"|\"}}", "k-social-db-backup").stdout().contains("KASPA_AIO_SCHEDULE=0 4 * * *"));
        await(10, save::isDisabled);
        scrollIntoView("#operation");
        shot("06-status-backup-schedule-saved");
        robot.interact(() -> ((Button) find("#backup-now-k-indexer")).fire());
        await(90, () -> ((Label) find("#operation")).getText().startsWith("Base backup of k-indexer taken"));
        await(30, () -> ((Label) find("#backups-k-indexer")).getText().contains("2 base backups"));
        await(30, () -> this.<javafx.scene.control.ListView<String>>find("#backup-list-k-indexer").getItems().size() == 2);

        // a restore cancelled before it switches: nothing changes, and the panel says so
        javafx.application.Platform.runLater(((Button) find("#restore-to-k-indexer"))::fire);
        await(10, () -> present("#restore-to-dialog"));
        robot.interact(() -> ((javafx.scene.control.CheckBox) find("#restore-latest")).setSelected(true));
        robot.interact(() -> ((Button) find("#restore-confirm")).fire());
        await(10, () -> find("#cancel-operation").isVisible());
        scrollIntoView("#operation");
        shot("06-status-restore-running");
        robot.interact(() -> ((Button) find("#cancel-operation")).fire());
        await(60, () -> ((Label) find("#operation")).getText().startsWith("Restore of k-indexer cancelled; nothing was changed (k-social-db runs on k-social-db-data)")
                || ((Label) find("#operation")).getText().startsWith("Restored") || ((Label) find("#operation")).getText().startsWith("Failed"));
        assertTrue(((Label) find("#operation")).getText().startsWith("Restore of k-indexer cancelled"), ((Label) find("#operation")).getText());
        assertFalse(find("#cancel-operation").isVisible());
        assertTrue(TestEngine.dockerOk("volume", "ls", "-q").lines().noneMatch(v -> v.matches("k-social-db-data-\\d{8}-\\d{6}")), "the new volume is gone");
        scrollIntoView("#operation");
        shot("06-status-restore-cancelled");
        javafx.application.Platform.runLater(((Button) find("#restore-to-k-indexer"))::fire);
        await(10, () -> present("#restore-to-dialog"));
        robot.interact(() -> ((javafx.scene.control.CheckBox) find("#restore-latest")).setSelected(true));
        String preview = ((Label) find("#restore-preview")).getText();
        assertTrue(preview.startsWith("Restore k-indexer to the latest archived point.") && preview.contains("The current volume k-social-db-data is kept"),
                preview);
        Screenshots.save(robot, find("#restore-to-dialog").getScene().getWindow(), "06-status-restore-dialog");
        robot.interact(() -> ((Button) find("#restore-confirm")).fire());
        await(180, () -> ((Label) find("#operation")).getText().startsWith("Restored k-indexer into volume k-social-db-data-")
                || ((Label) find("#operation")).getText().startsWith("Failed"));
        assertTrue(((Label) find("#operation")).getText().contains("the previous volume k-social-db-data is kept"), ((Label) find("#operation")).getText());
        shot("06-status-restored");
        String pw = new org.kaspa.aio.profile.SecretsStore().read(home.resolve("secrets.json")).password("k-indexer").orElseThrow();
        assertEquals("8MB", org.kaspa.aio.testsupport.Rows.psql(15433, "k_social_user", "ksocial", pw, "show work_mem").stdout().trim(),
                "the setting typed in the Advanced table is the server's");

        // the real pg_isready agrees with the table, on the ports chosen in the wizard
        assertEquals(0, Proc.run("pg_isready", "-h", "127.0.0.1", "-p", "15433").exitCode());
        assertEquals(0, Proc.run("pg_isready", "-h", "127.0.0.1", "-p", "15434").exitCode());
        assertEquals(0, Proc.run("pg_isready", "-h", "127.0.0.1", "-p", "6433").exitCode(), "the pooler answers too");
        assertTrue(Files.exists(home.resolve("profile.json")));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("secrets.json"))));
    }

    @Test
    @Order(2)
    void reconfigureModeOpensPrefilledAndReviewShowsOnlyDifferences() throws Exception {
        open(home, TestEngine.dockerHost());
        await(20, this::nextEnabled);
        assertTrue(present("Reconfigure Kaspa All-in-One"));
        shot("reconfigure-01-welcome");
        robot.clickOn("#next");
        robot.clickOn("#next");
        await(5, () -> present("#port-k-indexer"));
        assertEquals("15433", ((TextField) find("#port-k-indexer")).getText());
        assertEquals(TestEngine.image(), ((TextField) find("#image-k-indexer")).getText());
        await(5, this::nextEnabled); // our own containers hold 15433/15434: not "busy"
        shot("reconfigure-03-databases");

        robot.clickOn("#next");
        await(30, () -> ((ListView<?>) find("#plan-list")).getItems().stream().anyMatch(l -> l.toString().startsWith("No changes")));
        assertEquals("Apply", ((Button) find("#next")).getText());
        shot("reconfigure-04-review-unchanged");

        robot.type(KeyCode.ESCAPE); // Esc = Back
        await(5, () -> present("#port-k-indexer"));
        set("#port-k-indexer", "15435");
        await(5, this::nextEnabled);
        robot.clickOn("#next");
        await(30, () -> ((ListView<?>) find("#plan-list")).getItems().stream().anyMatch(l -> l.toString().startsWith("Recreate")));
        List<?> plan = ((ListView<?>) find("#plan-list")).getItems();
        assertEquals(List.of("Recreate container k-social-db (port 15433 -> 15435; volume kept)"), plan, plan.toString());
        shot("reconfigure-04-review-port-change");
    }

    @Test
    @Order(3)
    void reconfigureAppliesAPortAndPasswordChangeWithoutLosingRows() throws Exception {
        var secrets = new org.kaspa.aio.profile.SecretsStore().read(home.resolve("secrets.json"));
        String oldPw = secrets.password("k-indexer").orElseThrow();
        org.kaspa.aio.testsupport.Rows.write(15433, "k_social_user", "ksocial", oldPw, 250);
        open(home, TestEngine.dockerHost());
        await(20, this::nextEnabled);
        robot.clickOn("#next");
        robot.clickOn("#next");
        await(5, () -> present("#port-k-indexer"));
        String newPw = "typed in the wizard: it's $@:/ fine";
        set("#port-k-indexer", "15436");
        robot.interact(() -> ((javafx.scene.control.PasswordField) find("#password-k-indexer")).setText(newPw));
        await(5, this::nextEnabled);
        robot.clickOn("#next");
        await(30, () -> ((ListView<?>) find("#plan-list")).getItems().stream().anyMatch(l -> l.toString().startsWith("Recreate")));
        assertEquals(List.of("Change the password of k_social_user in k-social-db",
                "Recreate container k-social-db (port 15433 -> 15436; volume kept)"), ((ListView<?>) find("#plan-list")).getItems());
        shot("reconfigure-apply-04-review");
        robot.clickOn("#next");
        await(120, this::nextEnabled);
        assertTrue(((Label) find("#install-state")).getText().startsWith("Installed"), ((Label) find("#install-state")).getText());
        assertTrue(((ListView<?>) find("#install-log")).getItems().contains("k-social-db: password changed and verified"));
        shot("reconfigure-apply-05-install");

        assertEquals(250, org.kaspa.aio.testsupport.Rows.count(15436, "k_social_user", "ksocial", newPw));
        assertNotEquals(0, org.kaspa.aio.testsupport.Rows.psql(15436, "k_social_user", "ksocial", oldPw, "select 1").exitCode());
        assertEquals(newPw, new org.kaspa.aio.profile.SecretsStore().read(home.resolve("secrets.json")).password("k-indexer").orElseThrow());
        assertEquals(2, Proc.run("pg_isready", "-h", "127.0.0.1", "-p", "15433").exitCode(), "old port closed");
        assertEquals(250, org.kaspa.aio.testsupport.Rows.count(6433, "k_social_user", "ksocial", newPw), "the pooler took the new password");
    }

    @Test
    @Order(4)
    void statusViewBacksUpRestoresExportsAndStreamsLogs() throws Exception {
        var secrets = new org.kaspa.aio.profile.SecretsStore().read(home.resolve("secrets.json"));
        String pw = secrets.password("k-indexer").orElseThrow();
        open(home, TestEngine.dockerHost());
        await(20, () -> find("#open-status").isVisible());
        robot.clickOn("#open-status");
        try {
            await(30, () -> {
                TableView<StatusViewModel.Row> t = find("#status-table");
                // the databases, their poolers and the replica the fresh install added
                return t.getItems().size() == 5 && t.getItems().get(0).verdictProperty().get().equals("accepting connections");
            });
        } catch (java.util.concurrent.TimeoutException e) {
            TableView<StatusViewModel.Row> t = find("#status-table");
            fail("status rows: " + t.getItems().stream().map(r -> r.label() + " " + r.verdictProperty().get()).toList());
        }
        TableView<StatusViewModel.Row> table = find("#status-table");
        robot.interact(() -> table.getSelectionModel().select(0));

        Path dir = Files.createTempDirectory("kaspa-aio-ui-ops");
        nextFile = dir.resolve("k-social.dump");
        robot.clickOn("#backup");
        await(60, () -> ((Label) find("#operation")).getText().startsWith("Backup written"));
        assertTrue(Files.size(nextFile) > 0);
        shot("status-backup");

        org.kaspa.aio.testsupport.Rows.psql(15436, "k_social_user", "ksocial", pw, "delete from " + org.kaspa.aio.testsupport.Rows.TABLE);
        robot.clickOn("#restore");
        await(10, () -> present("#confirm-restore"));
        shot("status-restore-confirm");
        robot.clickOn("OK");
        await(60, () -> ((Label) find("#operation")).getText().startsWith("Restored"));
        assertEquals(250, org.kaspa.aio.testsupport.Rows.count(15436, "k_social_user", "ksocial", pw), "rows back from the backup");

        nextDirectory = dir.resolve("compose");
        robot.clickOn("#export");
        await(30, () -> ((Label) find("#operation")).getText().startsWith("Exported"));
        assertTrue(Files.exists(nextDirectory.resolve("docker-compose.yml")));
        assertTrue(Files.exists(nextDirectory.resolve("secrets/k-social-db-postgres-password")));

        robot.clickOn("#open-logs");
        await(20, () -> present("#log-lines")
                && !this.<ListView<?>>find("#log-lines").getItems().isEmpty());
        ListView<?> logLines = robot.lookup("#log-lines").query();
        assertTrue(logLines.getItems().stream().anyMatch(l -> l.toString().contains("database system is ready to accept connections")),
                logLines.getItems().toString());
        Screenshots.save(robot, logLines.getScene().getWindow(), "status-logs");
        shot("status-after-operations");
    }

    @Test
    @Order(5)
    void engineMissingShowsGuidanceAndRetry() throws Exception {
        open(Files.createTempDirectory("kaspa-aio-wizard"), "unix:///run/kaspa-aio-test/nowhere.sock");
        await(20, () -> !((Label) find("#guidance")).getText().isEmpty());
        assertTrue(((Label) find("#engine-summary")).getText().contains("unix:///run/kaspa-aio-test/nowhere.sock"));
        assertTrue(((Label) find("#guidance")).getText().contains("apt-get install docker.io"));
        assertFalse(((Label) find("#guidance")).getText().contains("tcp://"), "no plaintext engine suggested: password files travel in it");
        assertTrue(find("#retry").isVisible());
        assertFalse(nextEnabled());
        assertFalse(((Label) find("#next-problem")).getText().isEmpty());
        shot("engine-missing-01-welcome");
        // this machine is Debian: installing its docker.io is offered, the commands said before anything runs
        await(10, () -> find("#install-engine").isVisible());
        javafx.application.Platform.runLater(((Button) find("#install-engine"))::fire);
        await(10, () -> present("#install-engine-dialog"));
        String question = ((javafx.scene.control.DialogPane) find("#install-engine-dialog")).getContentText();
        assertTrue(question.contains("Install and start the Docker engine of Debian GNU/Linux 12") && question.contains("apt-get install -y --no-install-recommends docker.io acl")
                && question.contains("systemctl enable --now docker.service"), question);
        Screenshots.save(robot, find("#install-engine-dialog").getScene().getWindow(), "engine-missing-02-install-dialog");
        // declined here (this machine's own engine is not the test's to install): nothing ran
        robot.interact(() -> ((Button) ((javafx.scene.control.DialogPane) find("#install-engine-dialog")).lookupButton(javafx.scene.control.ButtonType.CANCEL)).fire());
        await(10, () -> !present("#install-engine-dialog"));
        assertFalse(present("#install-engine-log") && find("#install-engine-log").isVisible(), "declined: no output, nothing installed");
    }

    @Test
    @Order(8)
    void severalAnsweringEnginesOfferAChoiceThatInstallRemembers() throws Exception {
        // the test engine under a second address: a docker context whose socket is a link to it
        Path link = Path.of("/run/kaspa-aio-test/second-engine-" + ProcessHandle.current().pid() + ".sock");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(TestEngine.dockerHost().replaceFirst("^unix://", "")));
        Path dockerConfig = Files.createTempDirectory("docker-config");
        Path meta = dockerConfig.resolve("contexts/meta").resolve(sha256("second-engine"));
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"second-engine\",\"Endpoints\":{\"docker\":{\"Host\":\"unix://" + link + "\"}}}");
        try {
            var env = new org.kaspa.aio.engine.EngineDiscovery.Environment(java.util.Map.of("DOCKER_HOST", TestEngine.dockerHost(),
                    "DOCKER_CONFIG", dockerConfig.toString()), Files.createTempDirectory("user-home"), "Linux",
                    host -> host.startsWith("unix://") && Files.exists(Path.of(host.substring(7))));
            open(Installation.open(new KaspaAioHome(Files.createTempDirectory("kaspa-aio-engines")), env));
            await(20, this::nextEnabled);
            javafx.scene.control.ComboBox<org.kaspa.aio.app.EngineReport> choice = find("#engine-choice");
            assertTrue(choice.isVisible());
            assertEquals(2, choice.getItems().size(), choice.getItems().toString());
            assertEquals(TestEngine.dockerHost(), choice.getSelectionModel().getSelectedItem().host());
            shot("engine-choice-01-welcome");
            robot.interact(() -> choice.getSelectionModel().select(1));
            robot.interact(() -> choice.getOnAction().handle(null));
            await(20, () -> ((Label) find("#engine-summary")).getText().endsWith("at unix://" + link));
            assertTrue(nextEnabled());
            shot("engine-choice-02-chosen");
        } finally {
            Files.deleteIfExists(link);
        }
    }

    @Test
    @Order(9)
    void aPlaintextEngineGetsARedWarningAndIsUsedOnlyOnceAccepted() throws Exception {
        try (org.kaspa.aio.testsupport.UnixSocketProxy plain = org.kaspa.aio.testsupport.UnixSocketProxy
                .onLoopbackTcp(Path.of(TestEngine.dockerHost().replaceFirst("^unix://", ""))).open()) {
            open(Installation.open(new KaspaAioHome(Files.createTempDirectory("kaspa-aio-plain")), plain.dockerHost()));
            await(20, () -> find("#plaintext-warning").isVisible());
            assertFalse(nextEnabled(), "not used before the person accepts");
            assertFalse(((Label) find("#guidance")).isVisible(), "it answered: no 'install an engine' guidance");
            assertEquals("The Docker engine at " + plain.dockerHost() + " answers without TLS.", ((Label) find("#engine-summary")).getText());
            shot("plaintext-engine-01-warning");
            robot.clickOn("#accept-plaintext");
            await(20, this::nextEnabled);
            assertTrue(((Label) find("#engine-summary")).getText().endsWith("at " + plain.dockerHost()));
            shot("plaintext-engine-02-accepted");
        }
    }

    private static String sha256(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    @Order(7)
    void readableAt150PercentInTheDarkTheme() throws Exception {
        System.setProperty("kaspa.aio.scale", "1.5");
        System.setProperty("kaspa.aio.theme", "dark");
        try {
            open(Files.createTempDirectory("kaspa-aio-wizard"), TestEngine.dockerHost());
            await(20, this::nextEnabled);
            robot.clickOn("#next");
            robot.clickOn("#next");
            await(5, () -> present("#port-k-indexer"));
            set("#port-k-indexer", "80");
            Label error = find("#port-k-indexer-error");
            await(5, () -> error.isVisible());
            // nothing is cut off: the label column keeps its full text at 150 %
            Label portLabel = robot.lookup("Host port").query();
            assertFalse(portLabel.getText().contains("…"));
            assertTrue(portLabel.getWidth() >= portLabel.prefWidth(-1) - 1, "label not squeezed");
            shot("scaled-150-dark-03-databases");
        } finally {
            System.clearProperty("kaspa.aio.scale");
            System.clearProperty("kaspa.aio.theme");
        }
    }

    @Test
    @Order(6)
    void busyPortIsRejectedInline() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            open(Files.createTempDirectory("kaspa-aio-wizard"), TestEngine.dockerHost());
            await(20, this::nextEnabled);
            robot.clickOn("#next");
            robot.clickOn("#next");
            await(5, () -> present("#port-k-indexer"));
            robot.clickOn("#port-k-indexer").eraseText(4).write(String.valueOf(taken.getLocalPort()));
            await(5, () -> !nextEnabled());
            String error = ((Label) find("#port-k-indexer-error")).getText();
            assertEquals("port " + taken.getLocalPort() + " is in use on this machine (another program); choose a free port", error);
            assertTrue(((Label) find("#next-problem")).getText().startsWith("K social indexer port: port " + taken.getLocalPort()));
            shot("busy-port-03-databases");
            set("#port-k-indexer", "80");
            await(5, () -> ((Label) find("#port-k-indexer-error")).getText().equals("must be between 1024 and 65535 (got 80)"));
            set("#port-k-indexer", "15499");
            await(5, this::nextEnabled);
        }
    }
    @Test
    @Order(10)
    void statusViewOfARemoteEngineSaysItsChecksGoThroughTheEngine() throws Exception {
        String engine = System.getenv("KASPA_AIO_TEST_REMOTE_HOST");
        String certs = System.getenv("KASPA_AIO_TEST_REMOTE_CERTS");
        assertNotNull(engine, "KASPA_AIO_TEST_REMOTE_HOST is not set: run the tests through the README's test command");
        Path remoteHome = Files.createTempDirectory("kaspa-aio-wizard-remote");
        var cli = new org.kaspa.aio.testsupport.KaspaAio(remoteHome).withEnv("DOCKER_HOST", engine)
                .withEnv("DOCKER_TLS_VERIFY", "1").withEnv("DOCKER_CERT_PATH", certs);
        cli.initWithImage(TestEngine.image());
        cli.ok("apply");
        try {
            var here = org.kaspa.aio.engine.EngineDiscovery.Environment.current();
            var env = new java.util.HashMap<>(here.env());
            env.putAll(java.util.Map.of("DOCKER_HOST", engine, "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs));
            open(Installation.open(new KaspaAioHome(remoteHome),
                    new org.kaspa.aio.engine.EngineDiscovery.Environment(env, here.userHome(), here.osName(), here.socketExists())));
            await(20, () -> find("#open-status").isVisible());
            robot.clickOn("#open-status");
            await(60, () -> {
                TableView<StatusViewModel.Row> t = find("#status-table");
                return t.getItems().size() == 2 && t.getItems().stream().allMatch(r -> r.verdictProperty().get().equals("accepting connections")
                        && r.schemaProperty().get().contains("/"));
            });
            TableView<StatusViewModel.Row> table = find("#status-table");
            assertEquals("127.0.0.1:5433 on the engine's host (checked through the engine)", table.getItems().get(0).target().endpoint().describe());
            assertTrue(robot.lookup(".table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                    .anyMatch(c -> "127.0.0.1:5433 (engine's host)".equals(c.getText())), "shown in the table");
            assertTrue(robot.lookup(".label").queryAllAs(Label.class).stream()
                    .anyMatch(l -> l.getText().contains("checked through the engine: the ports are bound to the loopback of the engine's host")),
                    "and said under it");
            shot("status-remote-engine-through-engine");
            // monitoring off: the charts sample the databases' own statistics views, through the engine
            await(10, () -> ((Label) find("#activity-source")).getText().equals("from the databases' statistics views"));
            await(40, () -> chartPoints("k-social-db", "transactions") >= 1 && chartPoints("simply-kaspa-db", "connections") >= 2);
            assertTrue(!present("#open-prometheus"), "no Prometheus to open");
            scrollToBottom();
            shot("status-remote-engine-charts-from-statistics");
        } finally {
            FxToolkit.cleanupStages();
            cli.run("uninstall", "--delete-data", "--yes");
        }
    }
}
