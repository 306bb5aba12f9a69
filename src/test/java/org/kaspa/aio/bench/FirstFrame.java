package org.kaspa.aio.bench;

import javafx.animation.AnimationTimer;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;

/** Prints {@code first-frame <ms since JVM start>} once a stage's first frame is rendered; set before show(). */
final class FirstFrame {
    private FirstFrame() {
    }

    static void reportWhenShown(Stage stage) {
        AnimationTimer first = new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                System.out.println("first-frame " + ManagementFactory.getRuntimeMXBean().getUptime());
                System.out.flush();
            }
        };
        stage.setOnShown(e -> first.start());
    }
}
