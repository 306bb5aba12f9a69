package org.kaspa.aio.bench;

import javafx.application.Application;
import javafx.stage.Stage;
import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.ui.InstallerApp;


/**
 * The installer window as the benchmarks start it: the real {@link InstallerApp}, plus what only a
 * benchmark needs (a {@code first-frame <ms>} line once the first frame is on screen, and with
 * {@code -Dkaspa.aio.bench.open-status=true} straight to the live Status view, then {@code status-view-open}).
 * Started through {@link Main}, a plain class, exactly as the shipped Launcher starts the installer.
 */
public class MeasuredInstallerApp extends InstallerApp {
    public static final class Main {
        public static void main(String[] args) {
            ServiceCatalog.preload();
            Application.launch(MeasuredInstallerApp.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        FirstFrame.reportWhenShown(stage);
        super.start(stage);
        if (Boolean.getBoolean("kaspa.aio.bench.open-status")) {
            wizard().system().engineOkProperty().addListener((o, was, ok) -> {
                if (ok) {
                    wizard().openStatusNow();
                    System.out.println("status-view-open");
                    System.out.flush();
                }
            });
        }
    }
}
