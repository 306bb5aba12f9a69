package org.kaspa.aio.cli;

import org.kaspa.aio.progress.ProgressEvent;
import org.kaspa.aio.progress.ProgressListener;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Progress events as plain lines; a pull's progress at most once per 10 % per image. */
final class ProgressPrinter implements ProgressListener {
    private final PrintStream out;
    private final Map<String, Long> lastDecile = new ConcurrentHashMap<>();

    ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void on(ProgressEvent e) {
        if (e.phase() == ProgressEvent.Phase.PULLING && e.fraction() >= 0) {
            long decile = (long) (e.fraction() * 10);
            Long prev = lastDecile.put(e.component(), decile);
            if (prev == null || prev != decile) {
                out.printf("%s: pulling %d%% (%s)%n", e.component(), decile * 10, e.message().replace("pulling ", ""));
            }
            return;
        }
        out.println(e.line());
    }
}
