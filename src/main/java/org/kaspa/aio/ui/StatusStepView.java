package org.kaspa.aio.ui;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.util.function.Function;
import java.util.function.Supplier;

/** Step 6 view: the live table and per-row actions (copy connection string, copy commands, logs). */
final class StatusStepView {
    private StatusStepView() {
    }

    static Node build(StatusViewModel vm, FileDialogs dialogs, Browser browser) {
        Label heading = new Label("Status");
        heading.getStyleClass().add("step-heading");
        TableView<StatusViewModel.Row> table = new TableView<>(vm.rows());
        table.setId("status-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("Database", r -> new javafx.beans.property.SimpleStringProperty(r.label())));
        table.getColumns().add(column("Container", r -> new javafx.beans.property.SimpleStringProperty(r.target().container())));
        table.getColumns().add(column("Port", r -> new javafx.beans.property.SimpleStringProperty(vm.portText(r))));
        TableColumn<StatusViewModel.Row, String> verdict = column("pg_isready", StatusViewModel.Row::verdictProperty);
        verdict.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("verdict-accepting", "verdict-rejecting", "verdict-down", "verdict-unknown");
                if (empty || getTableRow() == null || getTableRow().getItem() == null) {
                    setText(null);
                    return;
                }
                setText(item);
                getStyleClass().add(getTableRow().getItem().verdictStyleProperty().get());
            }
        });
        verdict.setMinWidth(200);
        table.getColumns().add(verdict);
        TableColumn<StatusViewModel.Row, String> state = column("State", StatusViewModel.Row::containerStateProperty);
        state.setMinWidth(85);
        table.getColumns().add(state);
        table.getColumns().add(column("Schema", StatusViewModel.Row::schemaProperty));
        TableColumn<StatusViewModel.Row, String> sized = column("Limits", StatusViewModel.Row::sizingProperty);
        sized.setPrefWidth(230);
        table.getColumns().add(sized);
        table.getColumns().add(column("TimescaleDB", StatusViewModel.Row::timescaleProperty));
        table.getColumns().add(column("Last change", StatusViewModel.Row::lastChangeProperty));
        table.setPrefHeight(160);
        Button copyConnection = new Button("Copy connection string");
        copyConnection.setId("copy-connection");
        copyConnection.setOnAction(e -> selected(table, r -> Fields.copy(r.connectionString())));
        Button copyCommands = new Button("Copy psql / pg_isready / pg_dump commands");
        copyCommands.setOnAction(e -> selected(table, r -> Fields.copy(r.designCommands())));
        Button logs = new Button("Logs");
        logs.setId("open-logs");
        logs.setOnAction(e -> selected(table, r -> LogViewer.open(vm, r)));
        javafx.stage.Window[] owner = new javafx.stage.Window[1];
        Button backup = new Button("Backup…");
        backup.setId("backup");
        backup.setOnAction(e -> selected(table, r -> dialogs.saveFile(owner(table), "Back up " + r.target().container(),
                r.target().container() + "-backup.dump").ifPresent(f -> vm.backup(r, f,
                f.toString().endsWith(".sql") ? org.kaspa.aio.ops.DumpFormat.PLAIN : org.kaspa.aio.ops.DumpFormat.CUSTOM))));
        Button restore = new Button("Restore…");
        restore.setId("restore");
        restore.setOnAction(e -> selected(table, r -> dialogs.openFile(owner(table), "Restore into " + r.target().container())
                .ifPresent(f -> vm.restoreAfterConfirmation(r, f, existing -> confirmOverwrite(r, existing)))));
        for (Button b : new Button[]{copyConnection}) {
            b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(vm.busyProperty()));
        }
        // a pooler holds no data and a replica only a copy: backups, restores and psql are the database's own
        var noDatabase = javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            var row = table.getSelectionModel().getSelectedItem();
            return row == null || !row.primary();
        }, table.getSelectionModel().selectedItemProperty());
        for (Button b : new Button[]{copyCommands, logs, backup, restore}) {
            b.disableProperty().bind(noDatabase.or(vm.busyProperty()));
        }
        Button export = new Button("Export compose…");
        export.setId("export");
        export.disableProperty().bind(vm.busyProperty());
        export.setOnAction(e -> dialogs.chooseDirectory(owner(table), "Export as docker-compose").ifPresent(vm::export));
        javafx.scene.control.ProgressBar progress = new javafx.scene.control.ProgressBar();
        progress.progressProperty().bind(vm.operationProgressProperty());
        progress.visibleProperty().bind(vm.operationProperty().isNotEmpty());
        Label detail = new Label();
        detail.setId("row-detail");
        detail.setWrapText(true);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> {
            detail.textProperty().unbind();
            if (row != null) {
                detail.textProperty().bind(javafx.beans.binding.Bindings.concat(row.target().container(), " on ",
                        vm.portText(row), row.pooler() ? " — pool: " : row.replica() > 0 ? " — replication: " : " — limits: ", row.sizingProperty()));
            } else {
                detail.setText("");
            }
        });
        Label monitoringLine = new Label();
        monitoringLine.setId("monitoring-status");
        monitoringLine.setWrapText(true);
        monitoringLine.textProperty().bind(vm.monitoringProperty());
        monitoringLine.visibleProperty().bind(vm.monitoringProperty().isNotEmpty());
        monitoringLine.managedProperty().bind(monitoringLine.visibleProperty());
        Label operation = new Label();
        operation.setId("operation");
        operation.setWrapText(true);
        operation.textProperty().bind(vm.operationProperty());
        Label hint = new Label("Select a row for its actions. Verdicts refresh live (pg_isready semantics, " + vm.probedFrom() + "). "
                + "A backup file ending in .sql is plain SQL; anything else is pg_dump's custom format.");
        hint.setWrapText(true);
        return new VBox(10, heading, table, detail, monitoringLine, new HBox(8, copyConnection, copyCommands, logs),
                new HBox(8, backup, restore, export), new HBox(8, progress, cancelOperation(vm), operation), hint, BackupsView.build(vm), ActivityChartsView.build(vm.activity(), browser));
    }

    /** Cancel for the operation under way, shown while it takes one (a point-in-time restore until it switches). */
    private static Button cancelOperation(StatusViewModel vm) {
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-operation");
        cancel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        cancel.visibleProperty().bind(vm.cancellableProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancelOperation());
        return cancel;
    }

    private static javafx.stage.Window owner(Node n) {
        return n.getScene() == null ? null : n.getScene().getWindow();
    }

    private static boolean confirmOverwrite(StatusViewModel.Row r, int existing) {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                r.target().database() + " has " + existing + " table(s). The restore replaces what the backup contains. Continue?",
                javafx.scene.control.ButtonType.CANCEL, javafx.scene.control.ButtonType.OK);
        a.setHeaderText("Overwrite " + r.target().container() + "?");
        a.getDialogPane().setId("confirm-restore");
        return a.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent();
    }

    private static void selected(TableView<StatusViewModel.Row> table, java.util.function.Consumer<StatusViewModel.Row> action) {
        StatusViewModel.Row r = table.getSelectionModel().getSelectedItem();
        if (r != null) {
            action.accept(r);
        }
    }

    private static TableColumn<StatusViewModel.Row, String> column(String title,
            Function<StatusViewModel.Row, javafx.beans.value.ObservableValue<String>> value) {
        TableColumn<StatusViewModel.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> value.apply(cd.getValue()));
        return c;
    }

}
