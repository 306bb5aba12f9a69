package org.kaspa.aio.ui;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.kaspa.aio.AppVersion;

/** The installer window. */
public class InstallerApp extends Application {
    public static final String TITLE = "Kaspa All-in-One Installer";

    public static void launchWizard(String[] args) {
        Application.launch(InstallerApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(createScene());
        stage.setTitle(TITLE);
        stage.show();
    }

    public static Scene createScene() {
        Label heading = new Label("Welcome to Kaspa All-in-One");
        heading.setStyle("-fx-font-size: 20px; -fx-font-weight: bold;");
        Label body = new Label("This installer sets up the databases of the Kaspa indexers on your Docker engine.");
        body.setWrapText(true);
        VBox root = new VBox(12, heading, body, new Label("Version " + AppVersion.get()));
        root.setPadding(new Insets(24));
        return new Scene(root, 720, 480);
    }
}
