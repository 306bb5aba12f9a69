import javafx.application.Platform;
import javafx.scene.control.Labeled;
import javafx.stage.Window;
import org.kaspa.aio.Launcher;
import org.kaspa.aio.cli.Cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The training run behind the app's class-data sharing archive (installer/build.sh). It runs the real code
 * a person starts, with -XX:DumpLoadedClassList, so that the archive holds what a start actually loads:
 * the wizard (Launcher without arguments) until its first frames are on screen and the engine check has
 * answered, then the CLI verbs people run most (help, init, plan, status) in a scratch home. It is compiled
 * and run at packaging time only and never shipped. The engine it asks is whatever DOCKER_HOST names (the
 * verbs it runs only read); without one the check and the verbs fail fast, and the archive holds less.
 */
public final class CdsTraining {
    public static void main(String[] args) throws Exception {
        Thread wizard = new Thread(() -> Launcher.main(new String[0]), "training-wizard");
        wizard.start();
        awaitOnFxThread(() -> Window.getWindows().stream().anyMatch(Window::isShowing), 60);
        awaitOnFxThread(() -> Window.getWindows().stream().filter(Window::isShowing)
                .map(w -> (Labeled) w.getScene().lookup("#engine-summary"))
                .anyMatch(l -> l != null && !l.getText().startsWith("Checking")), 30);
        Platform.exit();
        wizard.join(TimeUnit.SECONDS.toMillis(30));

        for (String[] verb : new String[][]{{"--version"}, {"--help"}, {"init"}, {"plan"}, {"status"}, {"status", "--json"}}) {
            int code = Cli.standard().run(verb);
            System.err.println("training: kaspa-aio " + String.join(" ", verb) + " exited " + code);
        }
        System.exit(0);
    }

    /** Polls a condition on the JavaFX thread (once the toolkit runs) until it holds or the time is up. */
    private static void awaitOnFxThread(java.util.function.BooleanSupplier condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            CompletableFuture<Boolean> holds = new CompletableFuture<>();
            try {
                Platform.runLater(() -> holds.complete(condition.getAsBoolean()));
            } catch (IllegalStateException toolkitNotYetStarted) {
                holds.complete(false);
            }
            if (holds.get(10, TimeUnit.SECONDS)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the training run's wizard did not get there within " + seconds + " s");
    }
}
