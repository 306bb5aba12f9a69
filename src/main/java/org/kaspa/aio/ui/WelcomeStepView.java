package org.kaspa.aio.ui;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/** Step 1 view: engine, disk, ports; guidance and Retry when the engine is missing. */
final class WelcomeStepView {
    private WelcomeStepView() {
    }

    static Node build(WizardViewModel wizard) {
        SystemCheckViewModel vm = wizard.system();
        Label heading = new Label(wizard.isReconfigure() ? "Reconfigure Kaspa All-in-One" : "Welcome to Kaspa All-in-One");
        heading.getStyleClass().add("step-heading");
        Label intro = new Label(wizard.isReconfigure()
                ? "An installation exists. Change ports, services or images; Review shows only what changes. Your data stays on its volumes."
                : "This installer sets up one database per Kaspa indexer on your Docker engine: k-social-db for the K social indexer, "
                + "simply-kaspa-db for simply-kaspa-indexer, and a data volume for the Kasia indexer.");
        intro.setWrapText(true);
        Label engine = new Label();
        engine.setId("engine-summary");
        engine.setWrapText(true);
        engine.textProperty().bind(vm.engineSummaryProperty());
        engine.getStyleClass().add("check-line");
        vm.engineOkProperty().addListener((o, a, ok) -> engine.pseudoClassStateChanged(Fields.INVALID, !ok));
        Label guidance = new Label();
        guidance.setId("guidance");
        guidance.setWrapText(true);
        guidance.getStyleClass().add("guidance");
        guidance.textProperty().bind(vm.guidanceProperty());
        guidance.visibleProperty().bind(vm.guidanceProperty().isNotEmpty());
        guidance.managedProperty().bind(guidance.visibleProperty());
        Button retry = new Button("_Retry");
        retry.setId("retry");
        retry.setOnAction(e -> wizard.checkSystem());
        retry.disableProperty().bind(vm.checkingProperty());
        retry.visibleProperty().bind(vm.engineOkProperty().not());
        retry.managedProperty().bind(retry.visibleProperty());
        Label disk = new Label();
        disk.textProperty().bind(vm.diskSummaryProperty());
        ListView<String> ports = new ListView<>();
        ports.setId("port-checks");
        ports.setPrefHeight(90);
        ports.setFocusTraversable(false);
        vm.ports().addListener((javafx.collections.ListChangeListener<SystemCheckViewModel.PortCheck>) c ->
                ports.getItems().setAll(vm.ports().stream().map(p -> "Port " + p.describe()).toList()));
        Button status = new Button("Status, backups and logs");
        status.setId("open-status");
        status.setOnAction(e -> wizard.openStatusNow());
        status.visibleProperty().bind(vm.engineOkProperty().and(javafx.beans.binding.Bindings.createBooleanBinding(wizard::isReconfigure)));
        status.managedProperty().bind(status.visibleProperty());
        return new VBox(12, heading, intro, status, new Label("System check"), engine, guidance, retry, disk, ports);
    }
}
