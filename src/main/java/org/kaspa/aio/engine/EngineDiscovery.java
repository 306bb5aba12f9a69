package org.kaspa.aio.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Where engines may be, in the order the docker CLI looks and then some: {@code DOCKER_HOST},
 * {@code DOCKER_CONTEXT}, the current docker context, the other contexts, then the sockets that Docker
 * Desktop, Colima, Rancher Desktop, OrbStack, rootless Docker and Podman create on this OS. Nothing is
 * contacted here: the application layer pings each candidate.
 */
public final class EngineDiscovery {
    /** Made at the first docker CLI file there is to read: where there is none, discovery needs no Jackson (its set-up is ~15 ms of a cold start). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** What discovery reads, so that tests can give it a fake home and fake sockets. */
    public record Environment(Map<String, String> env, Path userHome, String osName, Predicate<String> socketExists) {
        public static Environment current() {
            return new Environment(System.getenv(), Path.of(System.getProperty("user.home")), System.getProperty("os.name"),
                    EngineDiscovery::socketExists);
        }
    }

    private EngineDiscovery() {
    }

    public static List<EngineCandidate> candidates(Environment e) {
        Map<String, EngineCandidate> byHost = new LinkedHashMap<>();
        String dockerHost = e.env().get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            Path tls = "1".equals(e.env().get("DOCKER_TLS_VERIFY"))
                    ? Path.of(e.env().getOrDefault("DOCKER_CERT_PATH", dockerConfigDir(e).toString())) : null;
            add(byHost, new EngineCandidate("DOCKER_HOST", dockerHost, "DOCKER_HOST", tls));
        }
        Map<String, EngineCandidate> contexts = contexts(e);
        String chosen = e.env().get("DOCKER_CONTEXT");
        if (chosen != null && contexts.containsKey(chosen)) {
            add(byHost, as(contexts.get(chosen), DOCKER_CONTEXT));
        }
        String current = currentContext(e);
        if (current != null && contexts.containsKey(current)) {
            add(byHost, as(contexts.get(current), CURRENT_CONTEXT));
        }
        for (EngineCandidate known : knownSockets(e)) {
            if (e.socketExists().test(known.host())) {
                add(byHost, known);
            }
        }
        // the other contexts last: listed for a person to pick, never chosen on their own
        contexts.values().forEach(c -> add(byHost, c));
        return List.copyOf(byHost.values());
    }

    public static final String DOCKER_CONTEXT = "DOCKER_CONTEXT";
    public static final String CURRENT_CONTEXT = "current docker context";
    public static final String OTHER_CONTEXT = "docker context";
    public static final String KNOWN_SOCKET = "known socket";

    private static EngineCandidate as(EngineCandidate c, String source) {
        return new EngineCandidate(c.name(), c.host(), source, c.tlsDir());
    }

    private static void add(Map<String, EngineCandidate> byHost, EngineCandidate c) {
        byHost.putIfAbsent(c.host(), c);
    }

    static Path dockerConfigDir(Environment e) {
        String configured = e.env().get("DOCKER_CONFIG");
        return configured != null ? Path.of(configured) : e.userHome().resolve(".docker");
    }

    /** config.json's {@code currentContext}, unless it is the built-in "default". */
    static String currentContext(Environment e) {
        Path config = dockerConfigDir(e).resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return null;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(config.toFile()).get("currentContext");
            return n == null || !n.isTextual() || n.textValue().equals("default") ? null : n.textValue();
        } catch (IOException | RuntimeException noConfig) {
            return null;
        }
    }

    /**
     * The docker CLI's context store: {@code contexts/meta/<sha256(name)>/meta.json} with the endpoint,
     * {@code contexts/tls/<sha256(name)>/docker/} with its TLS files.
     */
    static Map<String, EngineCandidate> contexts(Environment e) {
        Map<String, EngineCandidate> out = new LinkedHashMap<>();
        Path meta = dockerConfigDir(e).resolve("contexts").resolve("meta");
        if (!Files.isDirectory(meta)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(meta)) {
            for (Path dir : dirs.sorted().toList()) {
                try {
                    JsonNode m = Json.MAPPER.readTree(dir.resolve("meta.json").toFile());
                    String name = m.path("Name").asText("");
                    String host = m.path("Endpoints").path("docker").path("Host").asText("");
                    if (name.isEmpty() || host.isEmpty()) {
                        continue;
                    }
                    Path tls = dockerConfigDir(e).resolve("contexts").resolve("tls").resolve(sha256(name)).resolve("docker");
                    boolean hasTls = Files.isRegularFile(tls.resolve("ca.pem")) || Files.isRegularFile(tls.resolve("cert.pem"));
                    out.put(name, new EngineCandidate(name, host, OTHER_CONTEXT, hasTls ? tls : null));
                } catch (IOException | RuntimeException unreadable) {
                    // a broken context is skipped, as the docker CLI lists it with an error
                }
            }
        } catch (IOException unreadable) {
            return out;
        }
        return out;
    }

    /** The sockets engines create by default on this OS (whether they exist is checked by the caller). */
    static List<EngineCandidate> knownSockets(Environment e) {
        String os = e.osName().toLowerCase(Locale.ROOT);
        Path home = e.userHome();
        List<EngineCandidate> out = new ArrayList<>();
        if (os.contains("win")) {
            out.add(known("Docker Desktop", "npipe:////./pipe/docker_engine"));
            out.add(known("Docker Desktop (Linux engine)", "npipe:////./pipe/dockerDesktopLinuxEngine"));
            out.add(known("Podman machine", "npipe:////./pipe/podman-machine-default"));
            return out;
        }
        if (os.contains("mac")) {
            out.add(known("Docker Desktop", unix(home.resolve(".docker/run/docker.sock"))));
            out.add(known("Docker (system socket)", "unix:///var/run/docker.sock"));
            out.add(known("Colima", unix(home.resolve(".colima/default/docker.sock"))));
            out.add(known("Rancher Desktop", unix(home.resolve(".rd/docker.sock"))));
            out.add(known("OrbStack", unix(home.resolve(".orbstack/run/docker.sock"))));
            out.add(known("Podman machine", unix(home.resolve(".local/share/containers/podman/machine/podman.sock"))));
            out.add(known("Podman machine", unix(home.resolve(".local/share/containers/podman/machine/qemu/podman.sock"))));
            return out;
        }
        String runtime = e.env().get("XDG_RUNTIME_DIR");
        out.add(known("Docker", "unix:///var/run/docker.sock"));
        out.add(known("Docker Desktop", unix(home.resolve(".docker/desktop/docker.sock"))));
        if (runtime != null) {
            out.add(known("Docker (rootless)", unix(Path.of(runtime, "docker.sock"))));
        }
        out.add(known("Colima", unix(home.resolve(".colima/default/docker.sock"))));
        out.add(known("Rancher Desktop", unix(home.resolve(".rd/docker.sock"))));
        out.add(known("Podman", "unix:///run/podman/podman.sock"));
        if (runtime != null) {
            out.add(known("Podman (rootless)", unix(Path.of(runtime, "podman", "podman.sock"))));
        }
        return out;
    }

    private static EngineCandidate known(String name, String host) {
        return new EngineCandidate(name, host, KNOWN_SOCKET, null);
    }

    private static String unix(Path socket) {
        return "unix://" + socket.toAbsolutePath();
    }

    /** Whether a unix socket or a Windows named pipe exists. */
    static boolean socketExists(String host) {
        if (host.startsWith("unix://")) {
            return Files.exists(Path.of(host.substring("unix://".length())));
        }
        if (host.startsWith("npipe://")) {
            return Files.exists(Path.of(host.substring("npipe:".length()).replace('/', '\\')));
        }
        return false;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
