package org.kaspa.aio.testsupport;

import org.kaspa.aio.app.Installation;
import org.kaspa.aio.cli.Cli;
import org.kaspa.aio.profile.KaspaAioHome;
import org.kaspa.aio.progress.ProgressEvent;

/**
 * The CLI with a seam the kill -9 tests need and the shipped jar does not have: when the named component
 * reaches the named phase, it prints {@code paused at <phase> (<component>)} and waits to be killed.
 * Usage: {@code PausingCli <PHASE>[:<text in the message>] <component> <cli args…>}, e.g. {@code CREATED k-social-db apply}
 * or {@code WORKING:verifying k-social-db rotate-password k-indexer}.
 */
public final class PausingCli {
    private PausingCli() {
    }

    public static void main(String[] args) {
        String[] point = args[0].split(":", 2);
        ProgressEvent.Phase phase = ProgressEvent.Phase.valueOf(point[0]);
        String text = point.length > 1 ? point[1] : "";
        String component = args[1];
        Installation installation = Installation.open(KaspaAioHome.fromEnvironment()).observedBy(e -> {
            if (e.phase() == phase && e.component().equals(component) && e.message().contains(text)) {
                System.out.println("paused at " + args[0] + " (" + component + ")");
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
