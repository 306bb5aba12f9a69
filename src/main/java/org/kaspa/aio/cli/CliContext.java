package org.kaspa.aio.cli;

import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.profile.KaspaAioHome;
import org.kaspa.aio.profile.ProfileStore;
import org.kaspa.aio.profile.SecretsStore;

import java.io.PrintStream;
import java.util.function.Supplier;

/** What every command needs: where the files are, the catalog, the engine (opened lazily), the streams. */
public record CliContext(KaspaAioHome home, Supplier<ServiceCatalog> catalogs, Supplier<DockerEngine> engine,
                         PrintStream out, PrintStream err) {

    /** Loaded on first use: --version and --help need no JSON parsing at start-up. */
    public ServiceCatalog catalog() {
        return catalogs.get();
    }

    public ProfileStore profiles() {
        return new ProfileStore(catalog());
    }

    public SecretsStore secrets() {
        return new SecretsStore();
    }
}
