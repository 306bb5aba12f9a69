package org.kaspa.aio.testsupport;

import org.kaspa.aio.app.Installation;
import org.kaspa.aio.cli.Cli;
import org.kaspa.aio.profile.KaspaAioHome;
import org.kaspa.aio.progress.ProgressEvent;

/**
 * The CLI with a seam the kill -9 tests need and the shipped jar does not have: when the named component
 * reaches the named phase, it prints {@code paused at <phase> (<component>)} and waits to be killed.
 * Usage: {@code PausingCli <PHASE> <component> <cli args…>}, e.g. {@code CREATED k-social-db apply}.
 */
public final class PausingCli {
    private PausingCli() {
    }

    public static void main(String[] args) {
        ProgressEvent.Phase phase = ProgressEvent.Phase.valueOf(args[0]);
        String component = args[1];
        Installation installation = Installation.open(KaspaAioHome.fromEnvironment()).observedBy(e -> {
            if (e.phase() == phase && e.component().equals(component)) {
                System.out.println("paused at " + phase + " (" + component + ")");
                System.out.flush();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        String[] cli = java.util.Arrays.copyOfRange(args, 2, args.length);
        System.exit(Cli.standard(installation, System.out, System.err).run(cli));
    }
}
