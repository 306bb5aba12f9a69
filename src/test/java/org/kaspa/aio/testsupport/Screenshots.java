package org.kaspa.aio.testsupport;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/** Saves a PNG of a window's scene under target/screenshots/ (the brief: look at every wizard step). */
public final class Screenshots {
    private Screenshots() {
    }

    public static Path save(FxRobot robot, Window window, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(window.getScene().snapshot(null)));
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
