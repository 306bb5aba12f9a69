package org.kaspa.aio.ui;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
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
        // Shown on few machines, so built only when needed (see ShownWhen): the engine chooser, the plaintext
        // warning, the install log. The port checks are plain labels, not a list control, for the same reason.
        Node chooser = ShownWhen.build(javafx.beans.binding.Bindings.size(vm.answeringEngines()).greaterThan(1), () -> engineChooser(wizard, vm));
        Node plaintext = ShownWhen.build(vm.plaintextEngineProperty(), () -> plaintextWarning(wizard));
        Label disk = new Label();
        disk.textProperty().bind(vm.diskSummaryProperty());
        VBox ports = new VBox(4);
        ports.setId("port-checks");
        ports.getStyleClass().add("port-checks");
        ports.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(ports.getChildren()));
        vm.ports().addListener((javafx.collections.ListChangeListener<SystemCheckViewModel.PortCheck>) c ->
                ports.getChildren().setAll(vm.ports().stream().map(p -> (Node) new Label("Port " + p.describe())).toList()));
        Button status = new Button("Status, backups and logs");
        status.setId("open-status");
        status.setOnAction(e -> wizard.openStatusNow());
        status.visibleProperty().bind(vm.engineOkProperty().and(javafx.beans.binding.Bindings.createBooleanBinding(wizard::isReconfigure)));
        status.managedProperty().bind(status.visibleProperty());
        Button install = new Button("Install the Docker engine…");
        install.setId("install-engine");
        install.visibleProperty().bind(vm.installOfferedProperty());
        install.managedProperty().bind(install.visibleProperty());
        install.disableProperty().bind(vm.installingProperty());
        install.setOnAction(e -> {
            javafx.scene.control.Alert ask = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION, vm.installQuestion(),
                    javafx.scene.control.ButtonType.CANCEL, javafx.scene.control.ButtonType.OK);
            ask.setHeaderText("Install the Docker engine");
            ask.getDialogPane().setId("install-engine-dialog");
            ask.getDialogPane().setMinWidth(680);
            // every command readable before the person agrees: the pane grows to its text instead of eliding it
            ask.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            ask.setResizable(true);
            if (install.getScene() != null) {
                ask.initOwner(install.getScene().getWindow());
            }
            ask.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).ifPresent(b -> vm.installEngine(wizard::checkSystem));
        });
        Node installLog = ShownWhen.build(vm.installLogProperty().isNotEmpty(), () -> installLog(vm));
        return new VBox(12, heading, intro, status, new Label("System check"), engine, plaintext, chooser, guidance,
                new javafx.scene.layout.HBox(8, retry, install), installLog, disk, ports);
    }

    private static Node engineChooser(WizardViewModel wizard, SystemCheckViewModel vm) {
        javafx.scene.control.ComboBox<org.kaspa.aio.app.EngineReport> engines = new javafx.scene.control.ComboBox<>(vm.answeringEngines());
        engines.setId("engine-choice");
        engines.setMaxWidth(Double.MAX_VALUE);
        engines.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(org.kaspa.aio.app.EngineReport r) {
                return r == null ? "" : r.name() + " · " + r.host() + " · Docker " + r.version();
            }

            @Override
            public org.kaspa.aio.app.EngineReport fromString(String s) {
                return null;
            }
        });
        Runnable showChosen = () -> vm.answeringEngines().stream().filter(r -> r.host().equals(vm.engineHostProperty().get()))
                .findFirst().ifPresent(r -> engines.getSelectionModel().select(r));
        vm.answeringEngines().addListener((javafx.collections.ListChangeListener<org.kaspa.aio.app.EngineReport>) c -> showChosen.run());
        vm.engineHostProperty().addListener((o, a, b) -> showChosen.run());
        showChosen.run();
        engines.setOnAction(e -> {
            var r = engines.getSelectionModel().getSelectedItem();
            if (r != null && !r.host().equals(vm.engineHostProperty().get())) {
                wizard.chooseEngine(r.host());
            }
        });
        Label chooseHint = new Label("Several Docker engines answer on this computer; choose the one to install on:");
        return new VBox(12, chooseHint, engines);
    }

    private static Node plaintextWarning(WizardViewModel wizard) {
        Label plaintext = new Label("This engine is reached over plain tcp:// without TLS: the database password files the "
                + "installer copies into the containers would cross the network unencrypted, readable by anyone on the way. "
                + "Give the engine TLS (DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, or a docker context with TLS) if you can.");
        plaintext.setId("plaintext-warning");
        plaintext.setWrapText(true);
        plaintext.getStyleClass().add("field-error");
        javafx.scene.control.CheckBox accept = new javafx.scene.control.CheckBox("Use this engine anyway; I accept that the password files travel unencrypted");
        accept.setId("accept-plaintext");
        accept.setOnAction(e -> {
            if (accept.isSelected()) {
                wizard.acceptPlaintextEngine();
            }
        });
        return new VBox(12, plaintext, accept);
    }

    private static Node installLog(SystemCheckViewModel vm) {
        javafx.scene.control.TextArea installLog = new javafx.scene.control.TextArea();
        installLog.setId("install-engine-log");
        installLog.setEditable(false);
        installLog.setPrefRowCount(8);
        installLog.textProperty().bind(vm.installLogProperty());
        // the newest line in view as the output grows
        installLog.textProperty().addListener((o, a, b) -> installLog.setScrollTop(Double.MAX_VALUE));
        return installLog;
    }
}
