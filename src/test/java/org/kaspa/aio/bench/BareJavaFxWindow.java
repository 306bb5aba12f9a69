package org.kaspa.aio.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;

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
        AnimationTimer first = new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                System.out.println("first-frame " + ManagementFactory.getRuntimeMXBean().getUptime());
                System.out.flush();
            }
        };
        stage.setOnShown(e -> first.start());
        stage.show();
    }
}
