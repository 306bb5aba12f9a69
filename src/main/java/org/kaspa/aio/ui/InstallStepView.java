package org.kaspa.aio.ui;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Step 5 view: a progress row per resource, the log, Cancel, and on failure the log tail and Retry. */
final class InstallStepView {
    private InstallStepView() {
    }

    static Node build(WizardViewModel wizard) {
        InstallViewModel vm = wizard.install();
        Label heading = new Label("Installing");
        heading.getStyleClass().add("step-heading");
        VBox rows = new VBox(6);
        rows.setId("install-rows");
        vm.resources().addListener((javafx.collections.ListChangeListener<InstallViewModel.ResourceProgress>) c -> {
            while (c.next()) {
                for (InstallViewModel.ResourceProgress r : c.getAddedSubList()) {
                    Label name = new Label(r.resource());
                    name.setPrefWidth(260);
                    ProgressBar bar = new ProgressBar();
                    bar.setPrefWidth(160);
                    bar.progressProperty().bind(r.progressProperty());
                    Label status = new Label();
                    status.textProperty().bind(r.statusProperty());
                    rows.getChildren().add(new HBox(10, name, bar, status));
                }
            }
            if (vm.resources().isEmpty()) {
                rows.getChildren().clear();
            }
        });
        Label state = new Label();
        state.setId("install-state");
        state.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.stateProperty().get()) {
            case IDLE -> "";
            case RUNNING -> "Working… (you can cancel; running Install again picks up where it stopped)";
            case DONE -> "Installed: every selected database accepts connections. Next shows the live status.";
            case FAILED -> "Failed: " + vm.failureProperty().get();
            case CANCELLING -> "Cancelling… waiting for the running step to stop.";
            case CANCELLED -> "Cancelled. Nothing is lost; Retry converges from here.";
        }, vm.stateProperty(), vm.failureProperty()));
        state.setWrapText(true);
        ListView<String> log = new ListView<>(vm.log());
        log.setId("install-log");
        log.setPrefHeight(140);
        vm.log().addListener((javafx.collections.ListChangeListener<String>) c -> log.scrollTo(vm.log().size() - 1));
        ListView<String> failureLog = new ListView<>();
        failureLog.setId("failure-log");
        failureLog.setPrefHeight(110);
        vm.stateProperty().addListener((o, a, b) -> failureLog.getItems().setAll(vm.failureLog()));
        failureLog.visibleProperty().bind(vm.stateProperty().isEqualTo(InstallViewModel.State.FAILED));
        failureLog.managedProperty().bind(failureLog.visibleProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-install");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.stateProperty().isNotEqualTo(InstallViewModel.State.RUNNING));
        Button retry = new Button("Retry");
        retry.setId("retry-install");
        retry.setOnAction(e -> wizard.startInstall());
        retry.disableProperty().bind(vm.stateProperty().isEqualTo(InstallViewModel.State.FAILED)
                .or(vm.stateProperty().isEqualTo(InstallViewModel.State.CANCELLED)).not());
        return new VBox(10, heading, rows, state, failureLog, new HBox(8, cancel, retry), new Label("Log"), log);
    }
}
