package org.kaspa.aio.provision;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;

import java.io.IOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.*;

/** A missing image is pulled from a real registry (the harness's, on loopback), with progress lines. */
class ImagePullIT {
    /** Nothing of ours left running: the next class, or the Podman run after this one, finds the ports free. */
    @org.junit.jupiter.api.AfterAll
    static void leaveTheEngineEmpty() {
        org.kaspa.aio.testsupport.TestEngine.reset();
    }


    @AfterEach
    void tearDown() {
        TestEngine.reset();
        TestEngine.docker("rmi", TestEngine.registryImage());
    }

    @Test
    void missingImageIsPulledWithProgress() throws IOException {
        TestEngine.reset();
        String image = TestEngine.registryImage();
        TestEngine.docker("rmi", image);
        assertNotEquals(0, TestEngine.docker("image", "inspect", image).exitCode(), "image absent before apply");

        KaspaAio app = new KaspaAio(Files.createTempDirectory("kaspa-aio-home")).initWithImage(image);
        Proc.Result plan = app.ok("plan");
        assertTrue(plan.stdout().contains("+ pull image " + image), plan.stdout());

        Proc.Result r = app.ok("apply");
        assertTrue(r.stdout().contains(image + ": pulling image"), r.stdout());
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches(java.util.regex.Pattern.quote(image) + ": pulling \\d+% \\(\\d+/\\d+ MB\\)")), r.stdout());
        assertTrue(r.stdout().contains(image + ": pulling 100%"), r.stdout());
        // pulled once, though both databases use it
        assertEquals(1, r.stdout().lines().filter(l -> l.equals(image + ": pulling image")).count());
        assertEquals(0, TestEngine.docker("image", "inspect", image).exitCode());
        assertTrue(r.stdout().contains("k-social-db: accepting connections"), r.stdout());
        assertTrue(r.stdout().contains("simply-kaspa-db: accepting connections"), r.stdout());
    }
}
