package org.kaspa.aio.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Discovery on fake homes: docker's config and context store as the docker CLI writes them, sockets present or not. */
class EngineDiscoveryTest {
    @TempDir
    Path home;

    private void context(String name, String host, boolean tls) throws Exception {
        Path meta = home.resolve(".docker/contexts/meta").resolve(EngineDiscovery.sha256(name));
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":"
                + "{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
        if (tls) {
            Path dir = home.resolve(".docker/contexts/tls").resolve(EngineDiscovery.sha256(name)).resolve("docker");
            Files.createDirectories(dir);
            for (String f : List.of("ca.pem", "cert.pem", "key.pem")) {
                Files.writeString(dir.resolve(f), "-----BEGIN-----");
            }
        }
    }

    private void currentContext(String name) throws Exception {
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(home.resolve(".docker/config.json"), "{\"auths\":{},\"currentContext\":\"" + name + "\"}");
    }

    private List<EngineCandidate> discover(Map<String, String> env, String os, Set<String> sockets) {
        return EngineDiscovery.candidates(new EngineDiscovery.Environment(env, home, os, sockets::contains));
    }

    @Test
    void dockerHostComesFirstThenTheChosenAndCurrentContextsThenKnownSocketsThenOtherContexts() throws Exception {
        context("colima", "unix://" + home.resolve(".colima/default/docker.sock"), false);
        context("home-server", "tcp://192.0.2.10:2376", true);
        context("laptop", "unix:///var/run/docker.sock", false);
        currentContext("laptop");
        List<EngineCandidate> c = discover(Map.of("DOCKER_HOST", "unix:///tmp/x.sock", "DOCKER_CONTEXT", "home-server"), "Linux",
                Set.of("unix:///run/podman/podman.sock"));
        assertEquals(List.of("unix:///tmp/x.sock", "tcp://192.0.2.10:2376", "unix:///var/run/docker.sock",
                "unix:///run/podman/podman.sock", "unix://" + home.resolve(".colima/default/docker.sock")), c.stream().map(EngineCandidate::host).toList());
        assertEquals(List.of("DOCKER_HOST", EngineDiscovery.DOCKER_CONTEXT, EngineDiscovery.CURRENT_CONTEXT, EngineDiscovery.KNOWN_SOCKET,
                EngineDiscovery.OTHER_CONTEXT), c.stream().map(EngineCandidate::source).toList());
        assertEquals(home.resolve(".docker/contexts/tls").resolve(EngineDiscovery.sha256("home-server")).resolve("docker"), c.get(1).tlsDir());
        assertFalse(c.get(1).plaintextTcp());
        assertNull(c.get(2).tlsDir());
    }

    @Test
    void theDefaultContextAndAMissingOrBrokenStoreAreNothing() throws Exception {
        currentContext("default");
        assertEquals(List.of(), discover(Map.of(), "Linux", Set.of()));
        Path broken = home.resolve(".docker/contexts/meta/abc");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("meta.json"), "{ not json");
        assertEquals(List.of(), discover(Map.of(), "Linux", Set.of()));
    }

    @Test
    void dockerTlsVerifyGivesDockerHostItsCertificates() {
        EngineCandidate c = discover(Map.of("DOCKER_HOST", "tcp://192.0.2.10:2376", "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/certs"),
                "Linux", Set.of()).get(0);
        assertEquals(Path.of("/certs"), c.tlsDir());
        assertTrue(discover(Map.of("DOCKER_HOST", "tcp://192.0.2.10:2375"), "Linux", Set.of()).get(0).plaintextTcp());
        assertTrue(discover(Map.of("DOCKER_HOST", "ssh://me@server"), "Linux", Set.of()).get(0).overSsh());
    }

    @Test
    void knownSocketsPerOperatingSystemOnlyWhenTheyExist() {
        String rootless = "unix:///run/user/1000/podman/podman.sock";
        List<EngineCandidate> linux = discover(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), "Linux",
                Set.of(rootless, "unix://" + home.resolve(".docker/desktop/docker.sock")));
        assertEquals(List.of("Docker Desktop", "Podman (rootless)"), linux.stream().map(EngineCandidate::name).toList());
        assertEquals(rootless, linux.get(1).host());

        List<EngineCandidate> mac = discover(Map.of(), "Mac OS X", Set.of("unix://" + home.resolve(".colima/default/docker.sock"),
                "unix://" + home.resolve(".orbstack/run/docker.sock"), "unix://" + home.resolve(".docker/run/docker.sock")));
        assertEquals(List.of("Docker Desktop", "Colima", "OrbStack"), mac.stream().map(EngineCandidate::name).toList());

        List<EngineCandidate> windows = discover(Map.of(), "Windows 11", Set.of("npipe:////./pipe/docker_engine",
                "npipe:////./pipe/podman-machine-default"));
        assertEquals(List.of("npipe:////./pipe/docker_engine", "npipe:////./pipe/podman-machine-default"),
                windows.stream().map(EngineCandidate::host).toList());
    }
}
