package org.kaspa.aio.ui;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.kaspa.aio.testsupport.Screenshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window a double-click opens, in a real JavaFX stage under Monocle (headless). */
@ExtendWith(ApplicationExtension.class)
class InstallerWindowIT {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new InstallerApp().start(stage);
    }

    @Test
    void windowOpensWithItsTitle(FxRobot robot) {
        assertEquals("Kaspa All-in-One Installer", stage.getTitle());
        assertTrue(stage.isShowing());
        assertTrue(Screenshots.save(robot, stage, "00-window").toFile().length() > 0);
    }
}
