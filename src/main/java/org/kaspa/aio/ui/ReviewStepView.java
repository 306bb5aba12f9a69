package org.kaspa.aio.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/** Step 4 view: the plan in words, connection strings (masked), the compose equivalent. */
final class ReviewStepView {
    private ReviewStepView() {
    }

    static Node build(ReviewViewModel vm) {
        Label heading = new Label(vm.isReconfigure() ? "Review the changes" : "Review the installation");
        heading.getStyleClass().add("step-heading");
        ListView<String> plan = new ListView<>(vm.planLines());
        plan.setId("plan-list");
        plan.setPrefHeight(150);
        Label error = Fields.errorLabel("review-error", vm.errorProperty());
        ListView<String> connections = new ListView<>(vm.connections());
        connections.setId("connection-list");
        connections.setPrefHeight(90);
        TextArea compose = new TextArea();
        compose.setId("compose-view");
        compose.setEditable(false);
        compose.getStyleClass().add("mono");
        compose.textProperty().bind(vm.composeProperty());
        compose.setPrefRowCount(8);
        return new VBox(8, heading, new Label("What Install will do"), plan, error,
                new Label("Connection strings (passwords hidden; copy them from the Status step)"), connections,
                new Label("The same stack as a docker-compose file"), compose);
    }
}
