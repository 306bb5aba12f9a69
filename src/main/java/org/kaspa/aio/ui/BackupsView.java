package org.kaspa.aio.ui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The Status view's Backups panel: a line per database with scheduled backups (base backups, restorable
 * window, warning), Back up now, Restore to… — a date and a UTC time (or the latest point), with what will
 * happen said before it is confirmed —, the schedule editor and the list of base backups.
 */
final class BackupsView {
    private BackupsView() {
    }

    static Node build(StatusViewModel status) {
        BackupsViewModel vm = status.backups();
        VBox box = new VBox(4);
        if (vm.rows().isEmpty()) {
            return box;
        }
        Label heading = new Label("Backups");
        heading.getStyleClass().add("section-heading");
        box.getChildren().add(heading);
        for (BackupsViewModel.Row r : vm.rows()) {
            Label summary = new Label();
            summary.setId("backups-" + r.serviceId());
            summary.setWrapText(true);
            summary.textProperty().bind(javafx.beans.binding.Bindings.concat(r.serviceId(), ": ", r.summaryProperty()));
            Label warning = new Label();
            warning.setId("backups-warning-" + r.serviceId());
            warning.getStyleClass().add("verdict-down");
            warning.textProperty().bind(r.warningProperty());
            warning.visibleProperty().bind(r.warningProperty().isNotEmpty());
            warning.managedProperty().bind(warning.visibleProperty());
            Button now = new Button("Back up now");
            now.setId("backup-now-" + r.serviceId());
            now.disableProperty().bind(status.busyProperty());
            now.setOnAction(e -> status.backUpNow(r.serviceId()));
            Button restore = new Button("Restore to…");
            restore.setId("restore-to-" + r.serviceId());
            restore.disableProperty().bind(status.busyProperty());
            restore.setOnAction(e -> askTarget(status, r.serviceId()).ifPresent(t -> status.restoreTo(r.serviceId(), t.orElse(null))));
            // the buttons keep their labels however long the summary beside them grows
            now.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            restore.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            HBox line = new HBox(8, now, restore, summary);
            line.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().addAll(line, warning, scheduleEditor(status, r), list(r));
        }
        return box;
    }

    /** The schedule editor: a cron expression (UTC) and how many to keep, checked as typed; Save converges and stores it. */
    private static Node scheduleEditor(StatusViewModel status, BackupsViewModel.Row r) {
        TextField schedule = new TextField();
        schedule.setId("backup-schedule-" + r.serviceId());
        schedule.setPromptText("0 3 * * *");
        schedule.setPrefColumnCount(12);
        schedule.textProperty().bindBidirectional(r.scheduleProperty());
        TextField keep = new TextField();
        keep.setId("backup-keep-" + r.serviceId());
        keep.setPrefColumnCount(3);
        keep.textProperty().bindBidirectional(r.keepBaseProperty());
        Button save = new Button("Save schedule");
        save.setId("backup-save-" + r.serviceId());
        save.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        save.disableProperty().bind(status.busyProperty().or(r.editedProperty().not()).or(r.scheduleErrorProperty().isNotEmpty()));
        save.setOnAction(e -> status.saveSchedule(r.serviceId()));
        Label next = new Label();
        next.setId("backup-next-" + r.serviceId());
        next.textProperty().bind(r.nextRunProperty());
        Label error = new Label();
        error.setId("backup-schedule-error-" + r.serviceId());
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.textProperty().bind(r.scheduleErrorProperty());
        error.visibleProperty().bind(r.scheduleErrorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        Label scheduleLabel = new Label("Schedule (cron, UTC)");
        Label keepLabel = new Label("Keep");
        // the editor keeps its size however wide the summaries beside and above it grow
        for (javafx.scene.layout.Region n : List.of(scheduleLabel, schedule, keepLabel, keep, save)) {
            n.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        HBox fields = new HBox(8, scheduleLabel, schedule, keepLabel, keep, save);
        fields.setAlignment(Pos.CENTER_LEFT);
        next.setWrapText(true);
        return new VBox(2, fields, next, error);
    }

    /** The base backups, oldest first: name, size, verification, when it ended. */
    private static Node list(BackupsViewModel.Row r) {
        javafx.scene.control.ListView<String> list = new javafx.scene.control.ListView<>(r.list());
        list.setId("backup-list-" + r.serviceId());
        list.setPlaceholder(new Label("No base backup yet: the agent takes the first one when it starts."));
        list.setFixedCellSize(24);
        list.prefHeightProperty().bind(javafx.beans.binding.Bindings.min(4, javafx.beans.binding.Bindings.max(1, javafx.beans.binding.Bindings.size(r.list())))
                .multiply(24).add(4));
        return list;
    }

    /**
     * The restore dialog: a date and a time in UTC, or the latest point; the confirmation says what will happen.
     * Empty when cancelled; an empty inner value means the latest point.
     */
    private static Optional<Optional<Instant>> askTarget(StatusViewModel status, String serviceId) {
        BackupsViewModel vm = status.backups();
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Restore " + serviceId + " to a point in time");
        d.getDialogPane().setId("restore-to-dialog");
        CheckBox latest = new CheckBox("The latest archived point");
        latest.setId("restore-latest");
        DatePicker date = new DatePicker(LocalDate.now(ZoneOffset.UTC));
        date.setId("restore-date");
        TextField time = new TextField(LocalTime.now(ZoneOffset.UTC).withNano(0).toString());
        time.setId("restore-time");
        time.setPromptText("HH:MM:SS");
        date.disableProperty().bind(latest.selectedProperty());
        time.disableProperty().bind(latest.selectedProperty());
        Label what = new Label();
        what.setId("restore-preview");
        what.setWrapText(true);
        what.setPrefWidth(520);
        Runnable preview = () -> what.setText(target(latest, date, time)
                .map(t -> vm.restorePreview(serviceId, t.orElse(null), status.currentVolume(serviceId)))
                .orElse("Cannot read the time: HH:MM:SS, in UTC."));
        latest.selectedProperty().addListener((o, a, b) -> preview.run());
        date.valueProperty().addListener((o, a, b) -> preview.run());
        time.textProperty().addListener((o, a, b) -> preview.run());
        preview.run();
        GridPane g = Fields.formGrid();
        g.add(latest, 0, 0, 2, 1);
        g.addRow(1, new Label("Date (UTC)"), date);
        g.addRow(2, new Label("Time (UTC)"), time);
        g.add(what, 0, 3, 2, 1);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, new ButtonType("Restore", javafx.scene.control.ButtonBar.ButtonData.OK_DONE));
        Node ok = d.getDialogPane().lookupButton(d.getDialogPane().getButtonTypes().get(1));
        ok.setId("restore-confirm");
        ok.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> what.getText().startsWith("Cannot"), what.textProperty()));
        return d.showAndWait().filter(b -> b.getButtonData() == javafx.scene.control.ButtonBar.ButtonData.OK_DONE)
                .flatMap(b -> target(latest, date, time));
    }

    /** The chosen target: empty inner for the latest; empty when the time cannot be read. */
    private static Optional<Optional<Instant>> target(CheckBox latest, DatePicker date, TextField time) {
        if (latest.isSelected()) {
            return Optional.of(Optional.empty());
        }
        try {
            LocalTime t = LocalTime.parse(time.getText().strip());
            return date.getValue() == null ? Optional.empty() : Optional.of(Optional.of(date.getValue().atTime(t).toInstant(ZoneOffset.UTC)));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
