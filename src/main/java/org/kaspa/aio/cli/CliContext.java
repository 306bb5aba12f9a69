package org.kaspa.aio.cli;

import org.kaspa.aio.app.Installation;

import java.io.PrintStream;

/** What every command needs: the installation (the application layer) and the streams. */
public record CliContext(Installation installation, PrintStream out, PrintStream err) {
}
