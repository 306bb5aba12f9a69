package org.kaspa.aio.ui;

import org.kaspa.aio.app.Installation;
import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.profile.KaspaAioHome;

/**
 * What the wizard works on: the installation (the application layer), how to run work, how to ask for files,
 * how to open a page in the browser.
 */
public record WizardContext(Installation installation, BackgroundExecutor executor, FileDialogs dialogs, Browser browser) {

    public static WizardContext fromEnvironment(Browser browser) {
        return new WizardContext(Installation.open(KaspaAioHome.fromEnvironment()), new FxBackgroundExecutor(), FileDialogs.platform(), browser);
    }

    public KaspaAioHome home() {
        return installation.home();
    }

    public ServiceCatalog catalog() {
        return installation.catalog();
    }
}
