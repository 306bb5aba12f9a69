package org.kaspa.aio.app;

import org.junit.jupiter.api.Test;
import org.kaspa.aio.engine.EngineCandidate;
import org.kaspa.aio.engine.EngineDiscovery;
import org.kaspa.aio.errors.UserFacingException;
import org.kaspa.aio.profile.EngineChoice;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class EngineSelectionTest {
    private static final EngineCandidate ENV = new EngineCandidate("DOCKER_HOST", "unix:///env.sock", "DOCKER_HOST", null);
    private static final EngineCandidate CURRENT = new EngineCandidate("colima", "unix:///colima.sock", EngineDiscovery.CURRENT_CONTEXT, null);
    private static final EngineCandidate PODMAN = new EngineCandidate("Podman", "unix:///run/podman/podman.sock", EngineDiscovery.KNOWN_SOCKET, null);
    private static final EngineCandidate OTHER = new EngineCandidate("server", "tcp://192.0.2.1:2376", EngineDiscovery.OTHER_CONTEXT, Path.of("/tls"));

    @Test
    void explicitThenEnvironmentThenRememberedThenContextThenSocketNeverAnotherContext() {
        assertEquals("unix:///x", EngineSelection.choose("unix:///x", null, List.of(ENV, CURRENT)).host());
        assertEquals(ENV, EngineSelection.choose(null, new EngineChoice("unix:///run/podman/podman.sock", false), List.of(ENV, PODMAN)));
        assertEquals(PODMAN, EngineSelection.choose(null, new EngineChoice("unix:///run/podman/podman.sock", false), List.of(CURRENT, PODMAN)));
        assertEquals(CURRENT, EngineSelection.choose(null, null, List.of(CURRENT, PODMAN, OTHER)));
        assertEquals(EngineSelection.SYSTEM_SOCKET, EngineSelection.choose(null, null, List.of(OTHER)).host());
        assertEquals(OTHER, EngineSelection.choose("tcp://192.0.2.1:2376", null, List.of(OTHER)), "its TLS files come along");
    }

    @Test
    void onlyAChoiceLeftToTheProfileReadsIt() {
        assertTrue(EngineSelection.decidedWithoutProfile("unix:///x", List.of(CURRENT)));
        assertTrue(EngineSelection.decidedWithoutProfile(null, List.of(ENV, CURRENT)));
        assertFalse(EngineSelection.decidedWithoutProfile(null, List.of(CURRENT, PODMAN)));
        assertFalse(EngineSelection.decidedWithoutProfile(null, List.of()));
    }

    @Test
    void plaintextTcpNeedsConsentAndSshIsRefusedWithTheWayRound() {
        EngineCandidate plain = new EngineCandidate("--engine", "tcp://192.0.2.1:2375", "--engine", null);
        UserFacingException e = assertThrows(UserFacingException.class, () -> EngineSelection.check(plain, false));
        assertTrue(e.getMessage().contains("without TLS") && e.getMessage().contains("--insecure-engine"), e.getMessage());
        EngineSelection.check(plain, true);
        EngineSelection.check(OTHER, false);
        EngineCandidate ssh = new EngineCandidate("--engine", "ssh://me@server", "--engine", null);
        assertTrue(assertThrows(UserFacingException.class, () -> EngineSelection.check(ssh, true)).getMessage().contains("ssh -nNT -L"));
    }
}
