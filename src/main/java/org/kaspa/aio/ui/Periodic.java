package org.kaspa.aio.ui;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/** A refresh on the JavaFX thread now and then every {@code period} (the refresh hands its work to the background). */
final class Periodic {
    private Periodic() {
    }

    static Timeline every(Duration period, Runnable refresh) {
        Timeline t = new Timeline(new KeyFrame(Duration.ZERO, e -> refresh.run()), new KeyFrame(period));
        t.setCycleCount(Animation.INDEFINITE);
        t.play();
        return t;
    }
}
