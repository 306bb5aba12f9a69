package org.kaspa.aio.provision;

/**
 * Named points in apply where a test can stop the process dead (kill -9) to prove the next apply
 * converges. Inert unless KASPA_AIO_TEST_PAUSE_AT names the point: then the process prints
 * {@code paused at <point> (<resource>)} and waits to be killed.
 */
final class Checkpoints {
    static final String BEFORE_CREATE = "before-create";
    static final String AFTER_CREATE = "after-create";
    static final String WAITING_FOR_READY = "waiting-for-ready";
    private static final String PAUSE_AT = System.getenv("KASPA_AIO_TEST_PAUSE_AT");

    private Checkpoints() {
    }

    static void reach(String point, String resource) {
        if (point.equals(PAUSE_AT)) {
            System.out.println("paused at " + point + " (" + resource + ")");
            System.out.flush();
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
