package org.kaspa.aio.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/** Reading a started process's output (stdout with stderr merged) until a line says it got somewhere. */
final class ProcessLines {
    private ProcessLines() {
    }

    /**
     * Reads lines until one matches and returns the reader, positioned after it (to drain or read on); fails
     * with everything the process printed when it ends without such a line.
     */
    static BufferedReader awaitLine(Process p, Predicate<String> matches, String what) throws java.io.IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (matches.test(line)) {
                return out;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("no " + what + " line; the process printed:\n" + seen);
    }
}
