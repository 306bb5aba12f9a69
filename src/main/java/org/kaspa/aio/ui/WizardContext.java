package org.kaspa.aio.ui;

import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.profile.KaspaAioHome;

import java.util.function.Supplier;

/** What the wizard works on: where the files are, the catalog, how to reach the engine, how to run work. */
public record WizardContext(KaspaAioHome home, ServiceCatalog catalog, Supplier<DockerEngine> engines,
                            BackgroundExecutor executor, FileDialogs dialogs) {

    public static WizardContext fromEnvironment() {
        return new WizardContext(KaspaAioHome.fromEnvironment(), ServiceCatalog.preloaded(), DockerEngine::fromEnvironment,
                new FxBackgroundExecutor(), FileDialogs.platform());
    }
}
