package org.kaspa.aio.provision;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;

import java.io.IOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.*;
import static org.kaspa.aio.testsupport.TestEngine.dockerOk;

/** A container or volume with one of our names but without our labels is someone else's: refuse, touch nothing. */
class ForeignResourceIT {
    /** Nothing of ours left running: the next class, or the Podman run after this one, finds the ports free. */
    @org.junit.jupiter.api.AfterAll
    static void leaveTheEngineEmpty() {
        org.kaspa.aio.testsupport.TestEngine.reset();
    }

    private KaspaAio app;

    @BeforeEach
    void setUp() throws IOException {
        app = KaspaAio.fresh();
    }

    @AfterEach
    void tearDown() {
        TestEngine.reset();
    }

    @Test
    void foreignContainerNamedKSocialDbIsLeftUntouched() {
        String id = dockerOk("run", "-d", "--name", "k-social-db", "--label", "kaspa-aio-test=foreign",
                "-e", "POSTGRES_HOST_AUTH_METHOD=trust", TestEngine.image());
        String before = dockerOk("inspect", "--format", "{{.Id}} {{.State.StartedAt}} {{json .Config.Labels}}", "k-social-db");

        Proc.Result r = app.run("apply");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("kaspa-aio: container 'k-social-db' exists but was not created by kaspa-aio (no kaspa-aio.* labels); "
                + "refusing to touch it: rename or remove it, or choose another name in profile.json", r.stderr().trim());

        assertEquals(before, dockerOk("inspect", "--format", "{{.Id}} {{.State.StartedAt}} {{json .Config.Labels}}", "k-social-db"));
        assertTrue(before.startsWith(id));
        // and nothing else was created either
        assertFalse(TestEngine.containerExists("simply-kaspa-db"));
        assertFalse(TestEngine.networkExists(TestEngine.NETWORK));
        assertFalse(TestEngine.volumeExists("k-social-db-data"));
    }

    @Test
    void foreignVolumeIsRefusedByName() {
        dockerOk("volume", "create", "--label", "kaspa-aio-test=foreign", "simply-kaspa-db-data");
        Proc.Result r = app.run("plan");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().startsWith("kaspa-aio: volume 'simply-kaspa-db-data' exists but was not created by kaspa-aio"), r.stderr());
        assertEquals("foreign", dockerOk("volume", "inspect", "--format", "{{index .Labels \"kaspa-aio-test\"}}", "simply-kaspa-db-data"));
        assertFalse(TestEngine.containerExists("k-social-db"));
    }
}
