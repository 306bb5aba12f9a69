package org.kaspa.aio.ui;

/** Opens a page in the person's browser: the platform's (JavaFX HostServices) in the app; a recorder in UI tests. */
@FunctionalInterface
public interface Browser {
    void open(String url);
}
