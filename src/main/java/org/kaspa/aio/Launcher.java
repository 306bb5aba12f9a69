package org.kaspa.aio;

import org.kaspa.aio.cli.Cli;

/**
 * The jar's main class. Deliberately not a javafx.application.Application subclass, so JavaFX runs
 * from the classpath (DESIGN §2). No arguments opens the wizard; anything else is the CLI.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            org.kaspa.aio.catalog.ServiceCatalog.preload();
            org.kaspa.aio.ui.InstallerApp.launchWizard(args);
            return;
        }
        System.exit(Cli.standard().run(args));
    }
}
