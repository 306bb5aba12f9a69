package org.kaspa.aio.ui;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Step 3 view: bind address, then per selected database its fields with inline errors. */
final class DatabasesStepView {
    private DatabasesStepView() {
    }

    static Node build(DatabasesViewModel vm) {
        Label heading = new Label("Database settings");
        heading.getStyleClass().add("step-heading");
        ComboBox<String> bind = new ComboBox<>();
        bind.setId("bind-address");
        bind.setEditable(true);
        bind.getItems().addAll(DatabasesViewModel.LOOPBACK, DatabasesViewModel.ALL_INTERFACES);
        bind.getEditor().textProperty().bindBidirectional(vm.bindAddressProperty());
        bind.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.bindAddressProperty().set(b);
            }
        });
        Label warning = new Label();
        warning.setId("bind-warning");
        warning.getStyleClass().add("warning");
        warning.setWrapText(true);
        warning.textProperty().bind(vm.bindWarningProperty());
        warning.visibleProperty().bind(vm.bindWarningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        Label machine = new Label();
        machine.setId("engine-machine");
        machine.setWrapText(true);
        machine.getStyleClass().add("service-description");
        machine.textProperty().bind(vm.machineProperty());
        machine.visibleProperty().bind(vm.machineProperty().isNotEmpty());
        machine.managedProperty().bind(machine.visibleProperty());
        VBox box = new VBox(12, heading, new HBox(8, Fields.labelFor("_Bind address", bind), bind,
                new Label("127.0.0.1 = this machine only")), warning, machine);
        for (DatabaseForm f : vm.visibleForms()) {
            box.getChildren().add(formPane(f));
        }
        if (vm.monitoring().present()) {
            box.getChildren().add(monitoringPane(vm.monitoring()));
        }
        return box;
    }

    /** The monitoring stack: on or off, the exporter's and Prometheus's images, Prometheus's host port. */
    private static Node monitoringPane(MonitoringForm m) {
        GridPane g = Fields.formGrid();
        javafx.scene.control.CheckBox on = new javafx.scene.control.CheckBox(
                "Prometheus: exporters for each database, its pooler and the disk under its volume; alert rules");
        on.setId("monitoring");
        on.selectedProperty().bindBidirectional(m.enabledProperty());
        g.add(on, 0, 0, 2, 1);
        for (TextField field : new TextField[]{
                Fields.addField(g, 1, "Exporter image", "exporter-image", m.exporterImageProperty(), m.exporterImageErrorProperty()),
                Fields.addField(g, 2, "Pooler exporter image", "pooler-exporter-image", m.poolerExporterImageProperty(),
                        m.poolerExporterImageErrorProperty()),
                Fields.addField(g, 3, "Volume exporter image", "volume-exporter-image", m.volumeExporterImageProperty(),
                        m.volumeExporterImageErrorProperty()),
                Fields.addField(g, 4, "Prometheus image", "prometheus-image", m.prometheusImageProperty(), m.prometheusImageErrorProperty()),
                Fields.addField(g, 5, "Prometheus port", "prometheus-port", m.prometheusPortProperty(), m.prometheusPortErrorProperty())}) {
            field.disableProperty().bind(on.selectedProperty().not());
        }
        javafx.scene.control.CheckBox grafana = new javafx.scene.control.CheckBox("Grafana: a dashboard per database");
        grafana.setId("grafana");
        grafana.selectedProperty().bindBidirectional(m.grafanaEnabledProperty());
        grafana.disableProperty().bind(on.selectedProperty().not());
        g.add(grafana, 0, 6, 2, 1);
        var noGrafana = on.selectedProperty().not().or(grafana.selectedProperty().not());
        for (TextField field : new TextField[]{
                Fields.addField(g, 7, "Grafana image", "grafana-image", m.grafanaImageProperty(), m.grafanaImageErrorProperty()),
                Fields.addField(g, 8, "Grafana port", "grafana-port", m.grafanaPortProperty(), m.grafanaPortErrorProperty())}) {
            field.disableProperty().bind(noGrafana);
        }
        TitledPane pane = new TitledPane("Monitoring", g);
        pane.setCollapsible(false);
        return pane;
    }

    /** PostgreSQL settings over the derived ones, name and value, checked by the server at apply. */
    private static Node advanced(DatabaseForm f) {
        String id = f.serviceId();
        javafx.scene.control.TableView<DatabaseForm.SettingRow> table = new javafx.scene.control.TableView<>(f.settings());
        table.setId("settings-" + id);
        table.setEditable(true);
        table.setPrefHeight(130);
        table.setPlaceholder(new Label("None: the settings derived from memory and CPUs apply"));
        table.getColumns().add(editable("Setting", DatabaseForm.SettingRow::nameProperty));
        table.getColumns().add(editable("Value", DatabaseForm.SettingRow::valueProperty));
        table.setColumnResizePolicy(javafx.scene.control.TableView.CONSTRAINED_RESIZE_POLICY);
        Button add = new Button("Add setting");
        add.setId("add-setting-" + id);
        add.setOnAction(e -> {
            f.addSetting();
            table.getSelectionModel().selectLast();
            // after the new row's cells exist (the next pulse), so that typing goes straight into its name
            javafx.application.Platform.runLater(() -> table.edit(f.settings().size() - 1, table.getColumns().get(0)));
        });
        Button remove = new Button("Remove");
        remove.setId("remove-setting-" + id);
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> f.settings().remove(table.getSelectionModel().getSelectedItem()));
        TitledPane pane = new TitledPane("Advanced settings", new VBox(6, table, new HBox(8, add, remove),
                Fields.errorLabel("settings-" + id + "-error", f.settingsErrorProperty())));
        pane.setId("advanced-" + id);
        pane.setExpanded(!f.settings().isEmpty());
        return pane;
    }

    private static javafx.scene.control.TableColumn<DatabaseForm.SettingRow, String> editable(String title,
            java.util.function.Function<DatabaseForm.SettingRow, javafx.beans.property.StringProperty> property) {
        javafx.scene.control.TableColumn<DatabaseForm.SettingRow, String> c = new javafx.scene.control.TableColumn<>(title);
        c.setCellValueFactory(cell -> property.apply(cell.getValue()));
        c.setCellFactory(javafx.scene.control.cell.TextFieldTableCell.forTableColumn());
        c.setOnEditCommit(e -> property.apply(e.getRowValue()).set(e.getNewValue()));
        return c;
    }

    private static Node formPane(DatabaseForm f) {
        GridPane g = Fields.formGrid();
        String id = f.serviceId();
        Fields.addField(g, 0, "Host port", "port-" + id, f.portProperty(), f.portErrorProperty());
        Fields.addField(g, 1, "Database name", "name-" + id, f.nameProperty(), f.nameErrorProperty());
        Fields.addField(g, 2, "User", "user-" + id, f.userProperty(), f.userErrorProperty());

        PasswordField hidden = new PasswordField();
        hidden.setId("password-" + id);
        hidden.textProperty().bindBidirectional(f.passwordProperty());
        TextField shown = new TextField();
        shown.setId("password-shown-" + id);
        shown.textProperty().bindBidirectional(f.passwordProperty());
        shown.setVisible(false);
        Button reveal = new Button("Show");
        reveal.setId("reveal-" + id);
        reveal.setOnAction(e -> {
            boolean show = !shown.isVisible();
            shown.setVisible(show);
            hidden.setVisible(!show);
            reveal.setText(show ? "Hide" : "Show");
        });
        Button copy = new Button("Copy");
        copy.setOnAction(e -> Fields.copy(f.passwordProperty().get()));
        Button regenerate = new Button("Generate");
        regenerate.setId("regenerate-" + id);
        regenerate.setOnAction(e -> f.regeneratePassword());
        ProgressBar meter = new ProgressBar();
        meter.setPrefWidth(90);
        meter.progressProperty().bind(f.strengthProperty());
        Label strength = new Label();
        strength.textProperty().bind(f.strengthTextProperty());
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[]{reveal, copy, regenerate, strength}) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        StackPane passwordField = new StackPane(hidden, shown);
        HBox.setHgrow(passwordField, javafx.scene.layout.Priority.ALWAYS);
        g.add(Fields.labelFor("Password", hidden), 0, 3);
        g.add(Fields.withError(new HBox(6, passwordField, reveal, copy, regenerate, meter, strength),
                Fields.errorLabel("password-" + id + "-error", f.passwordErrorProperty())), 1, 3);
        Fields.addField(g, 4, "Image", "image-" + id, f.imageProperty(), f.imageErrorProperty());
        TextField memory = new TextField();
        memory.setId("memory-" + id);
        memory.setPrefColumnCount(6);
        memory.textProperty().bindBidirectional(f.memoryMbProperty());
        memory.setPromptText("from the engine");
        TextField cpus = new TextField();
        cpus.setId("cpus-" + id);
        cpus.setPrefColumnCount(4);
        cpus.textProperty().bindBidirectional(f.cpusProperty());
        Label cpuLabel = Fields.labelFor("CPUs", cpus);
        cpuLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        g.add(Fields.labelFor("Memory (MB)", memory), 0, 5);
        g.add(new VBox(2, new HBox(8, memory, cpuLabel, cpus),
                Fields.errorLabel("memory-" + id + "-error", f.memoryErrorProperty()),
                Fields.errorLabel("cpus-" + id + "-error", f.cpusErrorProperty())), 1, 5);
        g.add(advanced(f), 0, 6, 2, 1);
        if (f.hasPooler()) {
            javafx.scene.control.CheckBox on = new javafx.scene.control.CheckBox("PgBouncer pooler");
            on.setId("pooler-" + id);
            on.selectedProperty().bindBidirectional(f.poolerEnabledProperty());
            TextField port = new TextField();
            port.setId("pooler-port-" + id);
            port.setPrefColumnCount(6);
            port.textProperty().bindBidirectional(f.poolerPortProperty());
            TextField image = new TextField();
            image.setId("pooler-image-" + id);
            image.textProperty().bindBidirectional(f.poolerImageProperty());
            HBox.setHgrow(image, javafx.scene.layout.Priority.ALWAYS);
            ComboBox<String> mode = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                    org.kaspa.aio.profile.PoolerProfile.POOL_MODES));
            mode.setId("pool-mode-" + id);
            mode.valueProperty().bindBidirectional(f.poolModeProperty());
            for (javafx.scene.Node n : new javafx.scene.Node[]{port, image, mode}) {
                n.disableProperty().bind(on.selectedProperty().not());
            }
            Label portLabel = new Label("port");
            portLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            g.add(on, 0, 8);
            g.add(new VBox(2, new HBox(8, portLabel, port, image, mode),
                    Fields.errorLabel("pooler-port-" + id + "-error", f.poolerPortErrorProperty()),
                    Fields.errorLabel("pooler-image-" + id + "-error", f.poolerImageErrorProperty())), 1, 8);
        }
        if (f.hasReplicas()) {
            TextField count = new TextField();
            count.setId("replicas-" + id);
            count.setPrefColumnCount(3);
            count.textProperty().bindBidirectional(f.replicaCountProperty());
            TextField ports = new TextField();
            ports.setId("replica-ports-" + id);
            ports.setPromptText("5443, 5453");
            ports.textProperty().bindBidirectional(f.replicaPortsProperty());
            HBox.setHgrow(ports, javafx.scene.layout.Priority.ALWAYS);
            Label portsLabel = new Label("ports");
            portsLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label note = new Label("read-only copies streaming from this database; each needs the database's memory and disk again");
            note.getStyleClass().add("service-description");
            note.setWrapText(true);
            g.add(Fields.labelFor("Read replicas", count), 0, 7);
            g.add(new VBox(2, new HBox(8, count, portsLabel, ports), note,
                    Fields.errorLabel("replicas-" + id + "-error", f.replicasErrorProperty())), 1, 7);
        }
        Label fixed = new Label("Container " + f.container() + ", data on volume " + f.volume()
                + "; /dev/shm is half the memory, and PostgreSQL's memory and worker settings follow it");
        fixed.setWrapText(true);
        fixed.getStyleClass().add("service-description");
        g.add(fixed, 0, 9, 2, 1);
        TitledPane pane = new TitledPane(f.title(), g);
        pane.setCollapsible(false);
        return pane;
    }
}
