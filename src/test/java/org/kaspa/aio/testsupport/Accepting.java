package org.kaspa.aio.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Waits, with the real {@code pg_isready}, until a database on this machine's loopback accepts connections: for a
 * test that has just started a container (the engine's start returns before the server has finished starting up,
 * and a slow machine shows it as "rejecting connections" meanwhile).
 */
public final class Accepting {
    private Accepting() {
    }

    public static void on(int port, Duration max) {
        long until = System.nanoTime() + max.toNanos();
        Proc.Result last;
        do {
            last = Proc.run(List.of("pg_isready", "-h", "127.0.0.1", "-p", String.valueOf(port), "-t", "2"), Map.of(), Duration.ofSeconds(10));
            if (last.exitCode() == 0) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        } while (System.nanoTime() < until);
        throw new AssertionError("port " + port + " did not accept connections within " + max + ": " + last);
    }
}
