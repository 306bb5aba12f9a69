package org.kaspa.aio.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.util.Objects;

/**
 * The installer window. Light theme by default; {@code -Dkaspa.aio.theme=dark} (or KASPA_AIO_THEME=dark)
 * picks the dark one, {@code -Dkaspa.aio.scale=1.5} scales all text (everything is sized in em).
 */
public class InstallerApp extends Application {
    public static final String TITLE = "Kaspa All-in-One Installer";
    private WizardViewModel wizard;

    public static void launchWizard(String[] args) {
        Application.launch(InstallerApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        start(stage, WizardContext.fromEnvironment(getHostServices()::showDocument));
    }

    /** Opens the wizard on a given context (tests pass their own home and engine). */
    public void start(Stage stage, WizardContext ctx) {
        stage.setTitle(TITLE);
        try {
            wizard = new WizardViewModel(ctx);
        } catch (org.kaspa.aio.profile.InvalidInputException e) {
            // A hand-edited profile.json that does not parse: say which field and rule, change nothing.
            javafx.scene.control.Label message = new javafx.scene.control.Label("kaspa-aio cannot open your settings:\n\n"
                    + e.getMessage() + "\n\nFix the file (" + ctx.home().profileFile() + ") and start the installer again.");
            message.setId("startup-error");
            message.setWrapText(true);
            message.setPadding(new javafx.geometry.Insets(24));
            stage.setScene(new Scene(message, 720, 240));
            addIcon(stage);
            stage.show();
            return;
        }
        stage.setScene(createScene(wizard));
        stage.show();
        // The engine check (docker-java set-up, a round trip) starts once the first frame is on screen,
        // so the window does not wait for it and the two do not compete for the CPU while starting.
        new javafx.animation.AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames == 2) {
                    stop();
                    wizard.checkSystem();
                    // decoding the 256 px icon (and scaling it for the window manager) waits for the first frame too
                    addIcon(stage);
                }
            }
        }.start();
    }

    private static void addIcon(Stage stage) {
        stage.getIcons().add(new Image(Objects.requireNonNull(InstallerApp.class.getResourceAsStream("/assets/icons/kaspa-aio-256.png"))));
    }

    /** The wizard this window shows (null until started, or when the settings could not be read). */
    protected WizardViewModel wizard() {
        return wizard;
    }

    public static Scene createScene(WizardViewModel wizard) {
        WizardView view = new WizardView(wizard);
        Scene scene = new Scene(view.root(), 980, 720);
        scene.getStylesheets().add(Objects.requireNonNull(InstallerApp.class.getResource("/assets/css/kaspa-aio.css")).toExternalForm());
        String theme = System.getProperty("kaspa.aio.theme", Objects.requireNonNullElse(System.getenv("KASPA_AIO_THEME"), "light"));
        if (theme.equals("dark")) {
            view.root().getStyleClass().add("dark");
        }
        double scale = Double.parseDouble(System.getProperty("kaspa.aio.scale", "1"));
        view.root().setStyle("-fx-font-size: " + (13 * scale) + "px;");
        return scene;
    }

    @Override
    public void stop() {
        if (wizard != null) {
            wizard.close();
        }
    }
}
