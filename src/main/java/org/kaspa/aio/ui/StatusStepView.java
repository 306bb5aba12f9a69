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
import org.kaspa.aio.engine.DockerEngine;

import java.util.function.Function;
import java.util.function.Supplier;

/** Step 6 view: the live table and per-row actions (copy connection string, copy commands, logs). */
final class StatusStepView {
    private StatusStepView() {
    }

    static Node build(StatusViewModel vm, Supplier<DockerEngine> engines, BackgroundExecutor executor) {
        Label heading = new Label("Status");
        heading.getStyleClass().add("step-heading");
        TableView<StatusViewModel.Row> table = new TableView<>(vm.rows());
        table.setId("status-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("Database", r -> new javafx.beans.property.SimpleStringProperty(r.target().serviceId())));
        table.getColumns().add(column("Container", r -> new javafx.beans.property.SimpleStringProperty(r.target().container())));
        table.getColumns().add(column("Port", r -> new javafx.beans.property.SimpleStringProperty(r.target().host() + ":" + r.target().port())));
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
        logs.setOnAction(e -> selected(table, r -> openLogs(r, engines, executor)));
        for (Button b : new Button[]{copyConnection, copyCommands, logs}) {
            b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        }
        Label hint = new Label("Select a row for its actions. Verdicts refresh live (pg_isready semantics, probed from this machine).");
        return new VBox(10, heading, table, new HBox(8, copyConnection, copyCommands, logs), hint);
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

    private static void openLogs(StatusViewModel.Row r, Supplier<DockerEngine> engines, BackgroundExecutor executor) {
        ListView<String> lines = new ListView<>();
        lines.getItems().add("Loading the last 200 lines of " + r.target().container() + "…");
        Stage stage = new Stage();
        stage.setTitle("Logs: " + r.target().container());
        stage.setScene(new javafx.scene.Scene(new VBox(lines), 760, 420));
        stage.show();
        executor.run(() -> {
            try (DockerEngine engine = engines.get()) {
                return engine.findContainer(r.target().container()).map(c -> engine.logTail(c.id(), 200))
                        .orElse(java.util.List.of("(no container " + r.target().container() + ")"));
            }
        }, l -> lines.getItems().setAll(l), e -> lines.getItems().setAll("(logs unavailable: " + e.getMessage() + ")"));
    }
}
