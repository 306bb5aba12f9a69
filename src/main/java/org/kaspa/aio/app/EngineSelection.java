package org.kaspa.aio.app;

import org.kaspa.aio.engine.EngineCandidate;
import org.kaspa.aio.engine.EngineDiscovery;
import org.kaspa.aio.errors.UserFacingException;
import org.kaspa.aio.profile.EngineChoice;

import java.util.List;
import java.util.Optional;

/**
 * Which engine an installation talks to: the one named on the command line (--engine), else
 * {@code DOCKER_HOST}, else the one remembered in the profile, else {@code DOCKER_CONTEXT} or the current
 * docker context, else the first known socket that exists, else the system socket. An engine over plain
 * {@code tcp://} is refused unless the person accepted it (--insecure-engine, or remembered so); one over
 * {@code ssh://} is refused with the way round it.
 */
final class EngineSelection {
    static final String SYSTEM_SOCKET = "unix:///var/run/docker.sock";

    private EngineSelection() {
    }

    /** Whether --engine or DOCKER_HOST chooses, so that {@link #choose} needs no remembered engine (nor the profile read for it). */
    static boolean decidedWithoutProfile(String explicitHost, List<EngineCandidate> candidates) {
        return explicitHost != null || candidates.stream().anyMatch(c -> c.source().equals("DOCKER_HOST"));
    }

    static EngineCandidate choose(String explicitHost, EngineChoice remembered, List<EngineCandidate> candidates) {
        if (explicitHost != null) {
            return byHost(candidates, explicitHost).orElse(new EngineCandidate("--engine", explicitHost, "--engine", null));
        }
        Optional<EngineCandidate> fromEnv = candidates.stream().filter(c -> c.source().equals("DOCKER_HOST")).findFirst();
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        if (remembered != null) {
            return byHost(candidates, remembered.host()).orElse(new EngineCandidate("profile.json", remembered.host(), "profile.json", null));
        }
        return candidates.stream().filter(c -> !c.source().equals(EngineDiscovery.OTHER_CONTEXT)).findFirst()
                .orElse(new EngineCandidate("Docker", SYSTEM_SOCKET, "default", null));
    }

    private static Optional<EngineCandidate> byHost(List<EngineCandidate> candidates, String host) {
        return candidates.stream().filter(c -> c.host().equals(host)).findFirst();
    }

    /**
     * The host of a remote ({@code tcp://}) engine, or null for one on this machine. Its published ports
     * are bound on that host, where the checks dial them, or go through the engine (RemotePortAccess).
     */
    static String remoteHost(EngineCandidate c) {
        if (!c.host().startsWith("tcp://")) {
            return null;
        }
        java.net.URI uri = java.net.URI.create(c.host());
        String h = uri.getHost();
        return h == null || h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1") ? null : h;
    }

    /** Refuses what cannot be used safely or at all, in one line that says what to do instead. */
    static void check(EngineCandidate c, boolean insecureAccepted) {
        if (c.overSsh()) {
            throw new UserFacingException("the engine " + c.host() + " is reached over ssh, which kaspa-aio cannot do itself; "
                    + "forward its socket (ssh -nNT -L /tmp/remote-docker.sock:/var/run/docker.sock user@host) and use "
                    + "--engine unix:///tmp/remote-docker.sock");
        }
        if (c.plaintextTcp() && !insecureAccepted) {
            throw new UserFacingException("the engine " + c.host() + " is reached without TLS: the password files kaspa-aio copies "
                    + "into containers would cross the network in clear; give it TLS (DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH, "
                    + "or a docker context with TLS), or accept the risk with --insecure-engine");
        }
    }
}
