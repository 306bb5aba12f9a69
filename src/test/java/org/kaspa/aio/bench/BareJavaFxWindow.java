package org.kaspa.aio.bench;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;


/**
 * The cold-start peer: the smallest JavaFX window, reporting its first frame like the installer does.
 * Started through {@link Main}, a plain class, exactly as the installer's Launcher starts it.
 */
public class BareJavaFxWindow extends Application {
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(BareJavaFxWindow.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("hello"), 980, 720));
        FirstFrame.reportWhenShown(stage);
        stage.show();
    }
}
