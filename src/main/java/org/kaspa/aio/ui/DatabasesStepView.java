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
        VBox box = new VBox(12, heading, new HBox(8, Fields.labelFor("_Bind address", bind), bind,
                new Label("127.0.0.1 = this machine only")), warning);
        for (DatabaseForm f : vm.visibleForms()) {
            box.getChildren().add(formPane(f));
        }
        return box;
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
        Label fixed = new Label("Container " + f.container() + ", data on volume " + f.volume());
        fixed.getStyleClass().add("service-description");
        g.add(fixed, 0, 5, 2, 1);
        TitledPane pane = new TitledPane(f.title(), g);
        pane.setCollapsible(false);
        return pane;
    }
}
