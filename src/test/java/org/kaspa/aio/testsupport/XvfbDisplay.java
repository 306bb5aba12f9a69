package org.kaspa.aio.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real X server (Xvfb) for a packaged launcher's window: the display to give it, a wait for a window
 * with a title (xwininfo, as a window manager would see it) and a screenshot of the whole screen.
 */
public final class XvfbDisplay implements AutoCloseable {
    private final String display;
    private final Process xvfb;

    private XvfbDisplay(String display, Process xvfb) {
        this.display = display;
        this.xvfb = xvfb;
    }

    /** A new server on {@code :base+n} (n from this JVM's pid, so that two test JVMs do not meet). */
    public static XvfbDisplay start(int base) throws IOException, InterruptedException {
        String display = ":" + (base + (int) (ProcessHandle.current().pid() % 9));
        Process xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(800);
        return new XvfbDisplay(display, xvfb);
    }

    public String display() {
        return display;
    }

    /** The window tree once a window titled {@code title} is in it, or the last tree seen when it is not within a minute or {@code app} ended. */
    public String awaitWindow(String title, Process app) throws InterruptedException {
        String tree = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && app.isAlive()) {
            tree = Proc.run(List.of("xwininfo", "-root", "-tree", "-display", display), Map.of(), Duration.ofSeconds(10)).stdout();
            if (tree.contains("\"" + title + "\"")) {
                break;
            }
            Thread.sleep(250);
        }
        return tree;
    }

    /** The whole screen as {@code <screenshots dir>/<name>.png} (xwd, converted by netpbm). */
    public Path screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        Path png = dir.resolve(name + ".png");
        Proc.Result r = Proc.run(List.of("sh", "-c", "xwd -root -silent -display " + display + " | xwdtopnm 2>/dev/null | pnmtopng > " + png),
                Map.of(), Duration.ofSeconds(30));
        if (r.exitCode() != 0) {
            throw new IOException("screenshot of " + display + " failed: " + r);
        }
        return png;
    }

    @Override
    public void close() throws InterruptedException {
        xvfb.destroyForcibly().waitFor();
    }
}
