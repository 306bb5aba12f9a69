package org.kaspa.aio.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ImageReferenceTest {
    @Test
    void enginesSpellingsOfOneImageAreTheSameImage() {
        assertTrue(ImageReference.sameImage("localhost/kaspa-aio-standin/postgres:15-abc", "kaspa-aio-standin/postgres:15-abc"), "Podman, local");
        assertTrue(ImageReference.sameImage("docker.io/library/postgres:16", "postgres:16"));
        assertTrue(ImageReference.sameImage("docker.io/timescale/timescaledb:latest-pg16", "timescale/timescaledb:latest-pg16"));
        assertTrue(ImageReference.sameImage("postgres", "postgres:latest"));
        assertFalse(ImageReference.sameImage("postgres:15", "postgres:16"));
        assertFalse(ImageReference.sameImage("127.0.0.1:5000/kaspa-aio/postgres:1", "kaspa-aio/postgres:1"), "another registry is another image");
    }
}
