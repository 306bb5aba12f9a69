package org.kaspa.aio.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The small gateway the rest of the core uses to talk to the Docker engine; all docker-java types stay
 * in here. The API version is negotiated, never pinned (DESIGN §5: Debian's engine speaks API 1.41).
 */
public final class DockerEngine implements Closeable {
    private static final String NEVER_STARTED = "0001-01-01T00:00:00Z";

    /** docker-java's client for the commands that change the engine; made at the first one (see {@link #client()}). */
    private DockerClient client;
    private final java.util.function.Supplier<DockerClientConfig> config;
    private final DockerHttpClient http;
    /** The read-only queries, as JSON trees (see EngineJson for why). */
    private final EngineJson json;
    private final String host;

    private DockerEngine(java.util.function.Supplier<DockerClientConfig> config, DockerHttpClient http, String host) {
        this.config = config;
        this.http = http;
        this.json = new EngineJson(http);
        this.host = host;
    }

    /** Connects as docker-java's default config does: DOCKER_HOST, else the local default socket. */
    public static DockerEngine fromEnvironment() {
        return connect(DefaultDockerClientConfig.createDefaultConfigBuilder().build());
    }

    /** Connects to an explicit engine address such as {@code unix:///run/docker.sock}. */
    public static DockerEngine connect(String dockerHost) {
        return connect(DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build());
    }

    /** A discovered engine, with its TLS files when it has them (DOCKER_CERT_PATH layout: ca.pem, cert.pem, key.pem). */
    public static DockerEngine connect(EngineCandidate candidate) {
        java.util.function.Supplier<DockerClientConfig> config = () -> {
            var builder = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(candidate.host())
                    .withDockerTlsVerify(candidate.tlsDir() != null);
            if (candidate.tlsDir() != null) {
                builder.withDockerCertPath(candidate.tlsDir().toString());
            }
            return builder.build();
        };
        if (candidate.tlsDir() != null) {
            return connect(config.get()); // checks the certificate directory now, as DOCKER_CERT_PATH's users know it
        }
        java.net.URI host = java.net.URI.create(candidate.host());
        return connect(host, unusedTlsFor(host), config);
    }

    private static DockerEngine connect(DockerClientConfig config) {
        return connect(config.getDockerHost(), config.getSSLConfig() != null ? config.getSSLConfig() : unusedTlsFor(config.getDockerHost()),
                () -> config);
    }

    /**
     * The HTTP client now; docker-java's config and client only when a command needs them: making the config looks
     * for a docker-java.properties through every jar on the class path and reads the person's Docker config file
     * (~25 ms of a CLI start, cold), which the read-only queries (status, plan, a no-change apply) never use.
     */
    private static DockerEngine connect(java.net.URI dockerHost, com.github.dockerjava.transport.SSLConfig tls,
                                        java.util.function.Supplier<DockerClientConfig> config) {
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(dockerHost)
                .sslConfig(tls)
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        return new DockerEngine(config, http, dockerHost.toString());
    }

    /**
     * docker-java's HTTP client makes a TLS strategy even for a unix socket or a named pipe, where nothing uses it
     * (it dials https only): given no context it initialises the JDK's default one, loading the TLS provider and
     * reading the CA trust store (~45 ms of every CLI start). A local socket gets an empty context instead, which
     * is never called. A tcp:// engine without TLS gets none, since a context there would make docker-java speak https.
     */
    private static com.github.dockerjava.transport.SSLConfig unusedTlsFor(java.net.URI dockerHost) {
        String scheme = dockerHost.getScheme();
        if (!"unix".equals(scheme) && !"npipe".equals(scheme)) {
            return null;
        }
        return () -> new javax.net.ssl.SSLContext(null, null, "none: a local socket") {
        };
    }

    public String host() {
        return host;
    }

    /** Pings the engine; throws {@link EngineUnavailableException} naming DOCKER_HOST when nothing answers. */
    public EngineInfo info() {
        try {
            JsonNode v = json.get("/version");
            if (v == null) {
                throw new IllegalStateException("no /version here: not a Docker API");
            }
            return new EngineInfo(host, EngineJson.text(v, "Version"), EngineJson.text(v, "ApiVersion"), EngineJson.text(v, "Os"),
                    EngineJson.text(v, "Arch"));
        } catch (RuntimeException e) {
            throw new EngineUnavailableException(host, e);
        }
    }

    /** Memory and CPUs of the machine the engine runs containers on. */
    public EngineMachine machine() {
        return call("engine info", () -> {
            JsonNode i = json.get("/info");
            return new EngineMachine(EngineJson.number(i, "MemTotal"), (int) EngineJson.number(i, "NCPU"));
        });
    }

    /** The limits a container runs with (0 where it has none). */
    public ContainerResources resources(String containerId) {
        return call("inspect container " + containerId, () -> resourcesOf(inspect(containerId)));
    }

    private static ContainerResources resourcesOf(JsonNode inspected) {
        JsonNode hc = inspected.get("HostConfig");
        return new ContainerResources(EngineJson.number(hc, "Memory"), EngineJson.number(hc, "NanoCpus") / 1e9, EngineJson.number(hc, "ShmSize"));
    }

    // ---- images ----

    public boolean hasImage(String image) {
        return call("inspect image " + image, () -> json.get("/images/" + EngineJson.segment(image) + "/json") != null);
    }

    public void pull(String image, PullProgressListener listener) {
        ImageReference ref = ImageReference.parse(image);
        Map<String, long[]> layers = new ConcurrentHashMap<>();
        PullImageResultCallback callback = new PullImageResultCallback() {
            @Override
            public void onNext(PullResponseItem item) {
                super.onNext(item);
                if (item.getId() != null && item.getProgressDetail() != null && item.getProgressDetail().getTotal() != null) {
                    long cur = item.getProgressDetail().getCurrent() == null ? 0 : item.getProgressDetail().getCurrent();
                    long tot = item.getProgressDetail().getTotal();
                    if ("Downloading".equals(item.getStatus())) {
                        layers.put(item.getId(), new long[]{cur, tot});
                    }
                } else if (item.getId() != null && "Download complete".equals(item.getStatus())) {
                    layers.computeIfPresent(item.getId(), (k, v) -> new long[]{v[1], v[1]});
                }
                long current = layers.values().stream().mapToLong(v -> v[0]).sum();
                long total = layers.values().stream().mapToLong(v -> v[1]).sum();
                listener.progress(image, current, total, item.getStatus() == null ? "" : item.getStatus());
            }
        };
        try {
            client().pullImageCmd(ref.repository()).withTag(ref.tag()).exec(callback).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("pull of " + image + " interrupted");
        } catch (DockerClientException | com.github.dockerjava.api.exception.DockerException e) {
            throw new EngineException("could not pull image " + image + ": " + EngineUnavailableException.rootMessage(e), e);
        } catch (RuntimeException e) {
            throw new EngineException("could not pull image " + image + ": " + EngineUnavailableException.rootMessage(e), e);
        }
        if (!hasImage(image)) {
            throw new EngineException("could not pull image " + image + ": the engine reported no image after the pull");
        }
    }

    // ---- networks ----

    public Optional<NetworkInfo> findNetwork(String name) {
        return call("list networks", () -> {
            for (JsonNode n : json.get("/networks?" + EngineJson.filter("name", name))) {
                if (name.equals(EngineJson.text(n, "Name"))) {
                    return Optional.of(new NetworkInfo(EngineJson.text(n, "Id"), name, EngineJson.strings(n.get("Labels"))));
                }
            }
            return Optional.empty();
        });
    }

    public void createNetwork(String name, Map<String, String> labels) {
        call("create network " + name, () -> client().createNetworkCmd().withName(name).withDriver("bridge")
                .withLabels(labels).withCheckDuplicate(true).exec());
    }

    public void removeNetwork(String name) {
        call("remove network " + name, () -> {
            try {
                client().removeNetworkCmd(name).exec();
            } catch (NotFoundException ignored) {
                // already gone: that is the goal
            }
            return null;
        });
    }

    // ---- volumes ----

    public Optional<VolumeInfo> findVolume(String name) {
        return call("inspect volume " + name, () -> Optional.ofNullable(json.get("/volumes/" + EngineJson.segment(name)))
                .map(DockerEngine::toVolumeInfo));
    }

    /**
     * Those of {@code names} that are volumes on the engine, from one listing of them all: a plan asks about every
     * volume a profile could use (a database's, its replicas', the discarded ones), most of which do not exist.
     */
    public Map<String, VolumeInfo> volumesNamed(java.util.Collection<String> names) {
        Map<String, VolumeInfo> out = new java.util.HashMap<>();
        for (VolumeInfo v : listVolumes("")) {
            if (names.contains(v.name())) {
                out.put(v.name(), v);
            }
        }
        return out;
    }

    /** Every volume carrying the given label key. */
    public List<VolumeInfo> volumesWithLabel(String labelKey) {
        return listVolumes("?" + EngineJson.filter("label", labelKey));
    }

    /** The engine's volume listing ({@code GET /volumes}, with a query or none). */
    private List<VolumeInfo> listVolumes(String query) {
        return call("list volumes", () -> {
            List<VolumeInfo> out = new ArrayList<>();
            JsonNode listed = json.get("/volumes" + query);
            for (JsonNode v : listed == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : listed.path("Volumes")) {
                out.add(toVolumeInfo(v));
            }
            return out;
        });
    }

    /** A volume as the engine's inspection and listing both describe it. */
    private static VolumeInfo toVolumeInfo(JsonNode volume) {
        return new VolumeInfo(EngineJson.text(volume, "Name"), EngineJson.strings(volume.get("Labels")));
    }

    /** The environment an image declares (e.g. PG_MAJOR of the official postgres images). */
    /** A container's environment as it was created (never holds a secret of ours: those are files). */
    public Map<String, String> containerEnv(String containerId) {
        return call("inspect container " + containerId, () -> envMap(envOf(inspect(containerId))));
    }

    /**
     * Runs an image's own program once, in a throwaway container with the entrypoint replaced (never the
     * image's server), and returns what it printed; e.g. {@code postgres --version} to learn the major
     * version of an image that does not declare PG_MAJOR.
     */
    public String runOnce(String image, List<String> command, Map<String, String> labels) {
        ExecResult r = runHelper(image, null, command, labels);
        return (r.stdout() + r.stderr()).strip();
    }

    /**
     * Runs a command of an image once, as {@code user} (null: the image's), in a throwaway container with
     * the entrypoint replaced, and returns its exit code and everything it printed (stdout and stderr apart).
     */
    public ExecResult runHelper(String image, String user, List<String> command, Map<String, String> labels) {
        String id = call("create helper container", () -> {
            var create = client().createContainerCmd(image).withLabels(labels).withEntrypoint(command.get(0))
                    .withCmd(command.subList(1, command.size()));
            if (user != null) {
                create.withUser(user);
            }
            return create.exec().getId();
        });
        try {
            start(id);
            int code = call("wait for helper container", () -> client().waitContainerCmd(id).start().awaitStatusCode(120, TimeUnit.SECONDS));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            call("read helper output", () -> {
                try {
                    return client().logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            keepBounded(frame.getStreamType() == com.github.dockerjava.api.model.StreamType.STDERR ? err : out, frame.getPayload());
                        }
                    }).awaitCompletion(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EngineException("interrupted");
                }
            });
            return new ExecResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            removeContainer(id);
        }
    }

    /**
     * Runs a one-off task to its end: a container of the spec's image, mounts, network, labels and files,
     * whose command is the whole command line (the image's entrypoint replaced), never restarted. Every line
     * it prints goes to {@code lines} as it comes; waits as long as the task runs (a copy of a large
     * database takes minutes), then removes the container and returns the exit code.
     */
    public int runTask(ContainerSpec spec, Consumer<String> lines) {
        return runTask(spec, lines, org.kaspa.aio.progress.Cancellation.none());
    }

    /**
     * {@link #runTask(ContainerSpec, Consumer)} that a person can cancel: the task's container is removed (it
     * is stopped first) within half a second of the request, and {@link org.kaspa.aio.progress.Cancellation.Cancelled}
     * thrown.
     */
    public int runTask(ContainerSpec spec, Consumer<String> lines, org.kaspa.aio.progress.Cancellation cancellation) {
        HostConfig hostConfig = HostConfig.newHostConfig()
                .withBinds(spec.mounts().stream().map(m -> new Bind(m.volume(), new Volume(m.path()),
                        m.readOnly() ? com.github.dockerjava.api.model.AccessMode.ro : com.github.dockerjava.api.model.AccessMode.rw)).toList())
                .withNetworkMode(spec.network());
        List<String> env = spec.env().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).toList();
        String id = call("create task container " + spec.name(), () -> client().createContainerCmd(spec.image())
                .withName(spec.name()).withLabels(spec.labels()).withEnv(env).withHostConfig(hostConfig)
                .withEntrypoint(spec.command().get(0)).withCmd(spec.command().subList(1, spec.command().size()))
                .exec().getId());
        try {
            copyFiles(id, spec.files());
            start(id);
            java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
            try (Closeable follow = followLogs(id, -1, true, lines, ended::countDown)) {
                // the end of its output, or its state, says when it stopped: Podman 4.3's wait endpoint can answer
                // tens of seconds after the container exited
                while (!ended.await(500, TimeUnit.MILLISECONDS)) {
                    if (cancellation.requested()) {
                        // killed before its log stream is closed (closing waits for the stream's end); removed below
                        kill(id);
                        cancellation.check();
                    }
                    var state = call("inspect task " + spec.name(), () -> client().inspectContainerCmd(id).exec().getState());
                    if (state == null || !Boolean.TRUE.equals(state.getRunning())) {
                        break;
                    }
                }
                var state = call("inspect task " + spec.name(), () -> client().inspectContainerCmd(id).exec().getState());
                for (int i = 0; i < 50 && state != null && Boolean.TRUE.equals(state.getRunning()); i++) {
                    Thread.sleep(100); // its output ended a moment before the engine records the exit
                    state = call("inspect task " + spec.name(), () -> client().inspectContainerCmd(id).exec().getState());
                }
                Long code = state == null ? null : state.getExitCodeLong();
                return code == null ? -1 : code.intValue();
            } catch (IOException e) {
                throw new EngineException("task " + spec.name() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while " + spec.name() + " ran");
            }
        } finally {
            removeContainer(id);
        }
    }

    public Map<String, String> imageEnv(String image) {
        return call("inspect image " + image, () -> {
            JsonNode i = json.get("/images/" + EngineJson.segment(image) + "/json");
            if (i == null) {
                throw new IllegalStateException("Status 404: No such image: " + image);
            }
            return envMap(envOf(i));
        });
    }

    /** {@code KEY=value} entries as the engine reports them, as a map. */
    private static Map<String, String> envMap(String[] entries) {
        Map<String, String> env = new java.util.HashMap<>();
        if (entries != null) {
            for (String e : entries) {
                int eq = e.indexOf('=');
                if (eq > 0) {
                    env.put(e.substring(0, eq), e.substring(eq + 1));
                }
            }
        }
        return env;
    }

    /** Reads one file out of a container (running or not, volumes included); empty if it does not exist. */
    public Optional<byte[]> readFile(String containerId, String path) {
        return call("read " + path + " from " + containerId, () -> {
            byte[] archive = json.bytes(archivePath(containerId, path));
            if (archive == null) {
                return Optional.<byte[]>empty();
            }
            try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(new java.io.ByteArrayInputStream(archive))) {
                var entry = tar.getNextEntry();
                return entry == null ? Optional.<byte[]>empty() : Optional.of(tar.readAllBytes());
            } catch (IOException e) {
                throw new EngineException("read " + path + " failed: " + e.getMessage(), e);
            }
        });
    }

    /** The API path of a container path's archive: GET reads it (a tar), HEAD stats it. */
    private static String archivePath(String containerId, String path) {
        return "/containers/" + EngineJson.segment(containerId) + "/archive?path=" + EngineJson.query(path);
    }

    /**
     * The engine's stat of a path in a container (running or not), empty if it does not exist: one HEAD of the
     * container's archive, which the engine answers from the container's file system (~1 ms here), where reading
     * the file is a GET for which it starts a tar of the path (40–90 ms here).
     */
    public Optional<ContainerPathStat> pathStat(String containerId, String path) {
        return call("stat " + path + " in " + containerId, () -> {
            String header = json.headHeader(archivePath(containerId, path),
                    "X-Docker-Container-Path-Stat");
            if (header == null) {
                return Optional.<ContainerPathStat>empty();
            }
            JsonNode stat = EngineJson.tree(java.util.Base64.getDecoder().decode(header.trim()));
            java.time.Instant modified;
            try {
                modified = java.time.OffsetDateTime.parse(EngineJson.text(stat, "mtime")).toInstant();
            } catch (RuntimeException unreadable) {
                modified = null;
            }
            return Optional.of(new ContainerPathStat(EngineJson.number(stat, "size"), modified));
        });
    }

    /**
     * Reads a file from a volume that no container uses now: through a helper container that is created
     * (never started) from {@code image} with the volume mounted, then removed.
     */
    public Optional<byte[]> readFileFromVolume(String image, String volume, String mountPath, String file, Map<String, String> labels) {
        String id = call("create helper container", () -> client().createContainerCmd(image)
                .withLabels(labels)
                .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(volume, new Volume(mountPath))))
                .exec().getId());
        try {
            return readFile(id, mountPath + "/" + file);
        } finally {
            removeContainer(id);
        }
    }

    public void createVolume(String name, Map<String, String> labels) {
        call("create volume " + name, () -> client().createVolumeCmd().withName(name).withLabels(labels).exec());
    }

    public void removeVolume(String name) {
        call("remove volume " + name, () -> {
            try {
                client().removeVolumeCmd(name).exec();
            } catch (NotFoundException ignored) {
                // already gone
            }
            return null;
        });
    }

    // ---- containers ----

    public Optional<ContainerInfo> findContainer(String name) {
        Optional<ContainerInfo> found = call("inspect container " + name,
                () -> Optional.ofNullable(json.get("/containers/" + EngineJson.segment(name) + "/json")).map(DockerEngine::toInfo));
        // inspect also matches id prefixes; only the exact name counts
        return found.filter(c -> c.name().equals(name));
    }

    /** The named container's state, limits and latest health-check run, from one inspection; empty when there is none. */
    public Optional<ContainerCondition> containerCondition(String name) {
        return call("inspect container " + name, () -> Optional.ofNullable(json.get("/containers/" + EngineJson.segment(name) + "/json"))
                .map(r -> new ContainerCondition(toInfo(r), resourcesOf(r), lastHealthCheckOf(r)))
                .filter(c -> c.info().name().equals(name)));
    }

    /** The last entry of State.Health.Log with the check's schedule; null without a check, a run or a readable end time. */
    private static HealthCheckRun lastHealthCheckOf(JsonNode inspected) {
        JsonNode log = inspected.path("State").path("Health").path("Log");
        JsonNode check = inspected.path("Config").path("Healthcheck");
        if (!log.isArray() || log.size() == 0 || check.path("Test").size() == 0) {
            return null;
        }
        JsonNode last = log.get(log.size() - 1);
        java.time.Instant ended;
        try {
            ended = java.time.OffsetDateTime.parse(last.path("End").asText()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
        return new HealthCheckRun(last.path("ExitCode").asInt(-1), last.path("Output").asText(""), ended,
                healthCheckDuration(check, "Interval"), healthCheckDuration(check, "Timeout"));
    }

    /** Config.Healthcheck's interval or timeout: nanoseconds, 0 for the engine's default of 30 s. */
    private static Duration healthCheckDuration(JsonNode check, String field) {
        long nanos = check.path(field).asLong(0);
        return nanos > 0 ? Duration.ofNanos(nanos) : Duration.ofSeconds(30);
    }

    /** Host ports published by running containers, with the container's name (what holds a port). */
    public Map<Integer, String> publishedHostPorts() {
        return call("list containers", () -> {
            Map<Integer, String> out = new java.util.HashMap<>();
            for (var c : client().listContainersCmd().exec()) {
                if (c.getPorts() == null) {
                    continue;
                }
                for (var p : c.getPorts()) {
                    if (p.getPublicPort() != null) {
                        out.put(p.getPublicPort(), c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", ""));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Those of {@code names} that name a container, running or not, from one listing of them all (each inspected
     * after: the listing holds no configuration). A plan asks about every container a profile could use
     * (replicas, the previous container of an update, the retired ones), most of which do not exist.
     */
    public Map<String, ContainerInfo> containersNamed(java.util.Collection<String> names) {
        return call("list containers", () -> {
            List<String> existing = new ArrayList<>();
            JsonNode listed = json.get("/containers/json?all=1");
            for (JsonNode c : listed == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : listed) {
                for (JsonNode n : c.path("Names")) {
                    String name = n.asText().startsWith("/") ? n.asText().substring(1) : n.asText();
                    if (names.contains(name)) {
                        existing.add(name);
                    }
                }
            }
            Map<String, ContainerInfo> out = new ConcurrentHashMap<>();
            existing.parallelStream().forEach(name -> findContainer(name).ifPresent(info -> out.put(name, info)));
            return out;
        });
    }

    /** Every container carrying the given label key, running or not. */
    public List<ContainerInfo> containersWithLabel(String labelKey) {
        return call("list containers", () -> {
            List<ContainerInfo> out = new ArrayList<>();
            for (JsonNode c : json.get("/containers/json?all=1&" + EngineJson.filter("label", labelKey))) {
                JsonNode inspected = json.get("/containers/" + EngineJson.text(c, "Id") + "/json");
                if (inspected != null) { // else removed between list and inspect
                    out.add(toInfo(inspected));
                }
            }
            return out;
        });
    }

    /** Config.Env of an inspected container or image ("KEY=value" each), null when it has none. */
    private static String[] envOf(JsonNode inspected) {
        JsonNode env = inspected.path("Config").get("Env");
        if (env == null || !env.isArray()) {
            return null;
        }
        String[] out = new String[env.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = env.get(i).asText();
        }
        return out;
    }

    /** A container's inspection; fails (as docker-java's command did) when there is no such container. */
    private JsonNode inspect(String containerId) {
        JsonNode r = json.get("/containers/" + EngineJson.segment(containerId) + "/json");
        if (r == null) {
            throw new IllegalStateException("Status 404: No such container: " + containerId);
        }
        return r;
    }

    /** What ContainerInfo holds, from an inspection: the first published port is the container's one. */
    private static ContainerInfo toInfo(JsonNode r) {
        String name = r.hasNonNull("Name") ? r.get("Name").asText().replaceFirst("^/", "") : "";
        JsonNode state = r.get("State");
        boolean running = state != null && state.path("Running").asBoolean(false);
        String startedAt = EngineJson.text(state, "StartedAt");
        boolean everStarted = startedAt != null && !startedAt.startsWith(NEVER_STARTED);
        String hostIp = null;
        Integer hostPort = null;
        JsonNode hc = r.get("HostConfig");
        JsonNode bindings = hc == null ? null : hc.get("PortBindings");
        if (bindings != null && bindings.isObject()) {
            for (JsonNode binding : (Iterable<JsonNode>) bindings::elements) {
                if (binding.isArray() && binding.size() > 0) {
                    hostIp = EngineJson.text(binding.get(0), "HostIp");
                    String spec = EngineJson.text(binding.get(0), "HostPort");
                    hostPort = spec == null || spec.isEmpty() ? null : Integer.valueOf(spec);
                    break;
                }
            }
        }
        JsonNode config = r.get("Config");
        String status = EngineJson.text(state, "Status");
        return new ContainerInfo(EngineJson.text(r, "Id"), name, EngineJson.text(config, "Image"), EngineJson.strings(config == null ? null : config.get("Labels")),
                status == null ? "unknown" : status, running, everStarted, hostIp, hostPort, EngineJson.number(hc, "Memory"));
    }

    public String createContainer(ContainerSpec spec) {
        List<ExposedPort> exposed = new ArrayList<>();
        List<PortBinding> bindings = new ArrayList<>();
        for (PublishedPort p : spec.ports()) {
            ExposedPort e = ExposedPort.tcp(p.containerPort());
            exposed.add(e);
            bindings.add(new PortBinding(Ports.Binding.bindIpAndPort(p.hostAddress(), p.hostPort()), e));
        }
        HostConfig hostConfig = HostConfig.newHostConfig()
                .withPortBindings(bindings)
                .withBinds(spec.mounts().stream().map(m -> new Bind(m.volume(), new Volume(m.path()),
                        m.readOnly() ? com.github.dockerjava.api.model.AccessMode.ro : com.github.dockerjava.api.model.AccessMode.rw)).toList())
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart())
                .withNetworkMode(spec.network());
        if (spec.resources() != null) {
            hostConfig.withMemory(spec.resources().memoryBytes())
                    .withNanoCPUs(spec.resources().nanoCpus())
                    .withShmSize(spec.resources().shmBytes());
        }
        List<String> env = spec.env().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).toList();
        return call("create container " + spec.name(), () -> {
            var cmd = client().createContainerCmd(spec.image())
                    .withName(spec.name())
                    .withEnv(env)
                    .withLabels(spec.labels())
                    .withExposedPorts(exposed)
                    .withHostConfig(hostConfig)
                    .withStopSignal(spec.stopSignal());
            if (!spec.command().isEmpty()) {
                cmd.withCmd(spec.command());
            }
            if (spec.healthCheck() != null) {
                org.kaspa.aio.engine.HealthCheck h = spec.healthCheck();
                cmd.withHealthcheck(new com.github.dockerjava.api.model.HealthCheck()
                        .withTest(java.util.stream.Stream.concat(java.util.stream.Stream.of("CMD"), h.command().stream()).toList())
                        .withInterval(h.interval().toNanos())
                        .withTimeout(h.timeout().toNanos())
                        .withRetries(h.retries())
                        .withStartPeriod(h.startPeriod().toNanos()));
            }
            return cmd.exec().getId();
        });
    }

    /**
     * Changes a running container's CPU quota in place ({@code docker update --cpus}). docker-java's update
     * command has no NanoCpus, so the request is made directly; false when the engine cannot (then the
     * caller recreates the container).
     */
    public boolean updateCpus(String containerId, double cpus) {
        String body = "{\"NanoCpus\":" + Math.round(cpus * 1e9) + "}";
        var request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST)
                .path("/containers/" + containerId + "/update")
                .putHeader("Content-Type", "application/json")
                .body(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).build();
        return call("update container " + containerId, () -> {
            try (var response = http.execute(request)) {
                return response.getStatusCode() / 100 == 2;
            }
        });
    }

    /** The CPU quota a container was given, in CPUs; 0 when it has none. */
    public double cpus(String containerId) {
        return call("inspect container " + containerId, () -> EngineJson.number(inspect(containerId).get("HostConfig"), "NanoCpus") / 1e9);
    }

    /** Copies files into a (typically not yet started) container, creating parent directories. */
    public void copyFiles(String containerId, List<ContainerFile> files) {
        if (files.isEmpty()) {
            return;
        }
        byte[] tar = TarArchive.of(files);
        call("copy files into " + containerId, () -> {
            client().copyArchiveToContainerCmd(containerId).withRemotePath("/")
                    .withTarInputStream(new ByteArrayInputStream(tar)).exec();
            return null;
        });
    }

    /** When the container last started, in seconds since the epoch; 0 when it never did. */
    public int startedAt(String containerId) {
        return call("inspect container " + containerId, () -> {
            String at = EngineJson.text(inspect(containerId).get("State"), "StartedAt");
            if (at == null || at.startsWith(NEVER_STARTED)) {
                return 0;
            }
            return (int) java.time.Instant.parse(at).getEpochSecond();
        });
    }

    public void rename(String containerId, String newName) {
        call("rename container " + containerId + " to " + newName, () -> {
            client().renameContainerCmd(containerId).withName(newName).exec();
            return null;
        });
    }

    public void start(String containerId) {
        call("start container " + containerId, () -> {
            try {
                client().startContainerCmd(containerId).exec();
            } catch (NotModifiedException alreadyRunning) {
                // started meanwhile: that is the goal
            }
            return null;
        });
    }

    public void stop(String containerId, int timeoutSeconds) {
        call("stop container " + containerId, () -> {
            try {
                client().stopContainerCmd(containerId).withTimeout(timeoutSeconds).exec();
            } catch (NotModifiedException alreadyStopped) {
                // stopped already
            }
            return null;
        });
    }

    /**
     * Removes a container; its named volumes stay. A running container is stopped first with its stop
     * signal, so a database shuts down cleanly instead of being killed and having to recover.
     */
    /**
     * Ends a container at once (SIGKILL), for work nobody wants the rest of: a cancelled helper. A stop would wait
     * out its grace period where PID 1 is a script, which ignores SIGTERM. Nothing when it is not running.
     */
    public void kill(String containerId) {
        try {
            call("kill container " + containerId, () -> client().killContainerCmd(containerId).exec());
        } catch (EngineException notRunning) {
            // it ended on its own meanwhile
        }
    }

    public void removeContainer(String containerId) {
        try {
            stop(containerId, 60);
        } catch (EngineException notRunningOrGone) {
            // removal below reports what matters
        }
        call("remove container " + containerId, () -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    // anonymous volumes only (an image's VOLUME the container did not mount a named volume on: the
                    // backup agent's PGDATA); named volumes, the data, are never removed with a container
                    client().removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
                    return null;
                } catch (NotFoundException ignored) {
                    return null; // already gone
                } catch (com.github.dockerjava.api.exception.InternalServerErrorException e) {
                    // Podman refuses while a container that keeps failing is between two of its restarts ("container
                    // state improper"); a moment later it can be removed
                    if (attempt >= REMOVE_ATTEMPTS || !String.valueOf(e.getMessage()).contains("container state improper")) {
                        throw e;
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
                }
            }
        });
    }

    /** How often a removal Podman refuses mid-restart is tried (every 250 ms). */
    private static final int REMOVE_ATTEMPTS = 20;

    public List<String> logTail(String containerId, int lines) {
        List<String> out = new ArrayList<>();
        try {
            client().logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            new String(frame.getPayload(), StandardCharsets.UTF_8).lines().forEach(out::add);
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            out.add("(logs unavailable: " + EngineUnavailableException.rootMessage(e) + ")");
        }
        return out;
    }

    /**
     * Streams the container's log line by line (nothing accumulates in memory); {@code onEnd} runs when
     * the stream ends (at once without follow, when the container stops with it). Closing the handle stops it.
     */
    public Closeable followLogs(String containerId, int tail, boolean follow, Consumer<String> lineSink, Runnable onEnd) {
        return followLogs(containerId, tail, 0, follow, lineSink, onEnd);
    }

    /** @param sinceEpochSecond 0 for the last {@code tail} lines (every line when negative); else only those logged from then on */
    public Closeable followLogs(String containerId, int tail, int sinceEpochSecond, boolean follow, Consumer<String> lineSink, Runnable onEnd) {
        var cmd = client().logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(follow);
        if (sinceEpochSecond > 0) {
            cmd.withSince(sinceEpochSecond);
        } else if (tail < 0) {
            cmd.withTailAll(); // never a huge number: Podman 4.3 sizes a buffer by it (an OOM-killed service)
        } else {
            cmd.withTail(tail);
        }
        return cmd.exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        new String(frame.getPayload(), StandardCharsets.UTF_8).lines().forEach(lineSink);
                    }

                    @Override
                    public void onComplete() {
                        super.onComplete();
                        onEnd.run();
                    }

                    @Override
                    public void onError(Throwable t) {
                        super.onError(t);
                        onEnd.run();
                    }
                });
    }

    /** Runs a command in a running container; returns exit code and combined output. */
    public ExecResult exec(String containerId, List<String> command) {
        return exec(containerId, command, seconds -> { });
    }

    /**
     * Runs a command in a container and waits until it has really ended, however long that takes (a
     * restore of a large dump runs for many minutes: reporting it failed while it still runs, or removing
     * a file it still reads, is worse than waiting). {@code stillRunning} hears the seconds elapsed every
     * {@link #EXEC_HEARTBEAT} while it runs, for progress.
     */
    public ExecResult exec(String containerId, List<String> command, LongConsumer stillRunning) {
        return call("exec in " + containerId, () -> {
            // created, started and inspected as plain API calls (see EngineJson#postStreaming)
            String execId = EngineJson.text(json.post("/containers/" + EngineJson.segment(containerId) + "/exec",
                    "{\"AttachStdout\":true,\"AttachStderr\":true,\"Cmd\":" + EngineJson.array(command) + "}"), "Id");
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            long t0 = System.nanoTime();
            // read on a thread of its own, so that this one can report progress and be interrupted (Cancel) while
            // the command runs: a socket read does not end on an interrupt
            CompletableFuture<Void> output = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    json.postStreaming("/exec/" + EngineJson.segment(execId) + "/start", "{\"Detach\":false,\"Tty\":false}",
                            body -> MultiplexedStream.read(body, (stream, payload) -> keepBounded(stream == MultiplexedStream.STDERR ? stderr : stdout, payload)));
                    output.complete(null);
                } catch (Throwable t) {
                    output.completeExceptionally(t);
                }
            }, "kaspa-aio-exec-output");
            reader.setDaemon(true);
            reader.start();
            try {
                while (true) {
                    try {
                        output.get(EXEC_HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException stillRuns) {
                        stillRunning.accept((System.nanoTime() - t0) / 1_000_000_000L);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("exec interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new EngineException("reading the exec's output failed: " + e.getCause(), e.getCause());
            }
            JsonNode inspect = json.get("/exec/" + execId + "/json");
            while (inspect != null && inspect.path("Running").asBoolean(false)) {
                // the output stream can close a moment before the engine records the exit code
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
                inspect = json.get("/exec/" + execId + "/json");
            }
            JsonNode code = inspect == null ? null : inspect.get("ExitCode");
            return new ExecResult(code == null || code.isNull() ? -1 : code.asInt(),
                    stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        });
    }

    /** How often a long exec reports that it still runs. */
    public static final Duration EXEC_HEARTBEAT = Duration.ofSeconds(5);
    /** Output kept per stream of an exec; beyond it (a restore's thousands of NOTICE lines) the rest is dropped. */
    private static final int EXEC_OUTPUT_LIMIT = 1 << 20;

    private static void keepBounded(ByteArrayOutputStream out, byte[] payload) {
        if (out.size() < EXEC_OUTPUT_LIMIT) {
            out.write(payload, 0, Math.min(payload.length, EXEC_OUTPUT_LIMIT - out.size()));
        }
    }

    public ExecResult execStreaming(String containerId, List<String> command, java.io.OutputStream stdout) {
        return call("exec in " + containerId, () -> {
            String execId = client().execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            java.util.concurrent.atomic.AtomicReference<IOException> failure = new java.util.concurrent.atomic.AtomicReference<>();
            try {
                client().execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        try {
                            if (frame.getStreamType() == com.github.dockerjava.api.model.StreamType.STDERR) {
                                if (stderr.size() < 64 * 1024) {
                                    stderr.write(frame.getPayload());
                                }
                            } else if (failure.get() == null) {
                                stdout.write(frame.getPayload());
                            }
                        } catch (IOException e) {
                            failure.set(e);
                        }
                    }
                }).awaitCompletion();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("exec interrupted");
            }
            if (failure.get() != null) {
                throw new EngineException("writing the output failed: " + failure.get().getMessage(), failure.get());
            }
            Long code = client().inspectExecCmd(execId).exec().getExitCodeLong();
            return new ExecResult(code == null ? -1 : code.intValue(), "", stderr.toString(StandardCharsets.UTF_8));
        });
    }

    /**
     * Starts a command in a running container with its stdin read from {@code in} and its stdout written
     * to {@code out}, and returns at once; {@code ended} runs when the command's output ends. Closing the
     * returned handle drops the connection to the engine. For {@link EngineTunnel}.
     */
    public Closeable execPiped(String container, List<String> command, java.io.InputStream in, java.io.OutputStream out,
                               Runnable ended) {
        return call("exec in " + container, () -> {
            String execId = client().execCreateCmd(container).withCmd(command.toArray(String[]::new))
                    .withAttachStdin(true).withAttachStdout(true).withAttachStderr(false).exec().getId();
            var session = new java.util.concurrent.atomic.AtomicReference<Closeable>();
            // The engine passes the end of stdin on only when the connection to it closes
            java.io.InputStream stdin = new java.io.FilterInputStream(in) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n;
                    try {
                        n = super.read(b, off, len);
                    } catch (IOException clientGone) {
                        n = -1;
                    }
                    if (n < 0 && session.get() != null) {
                        session.get().close();
                    }
                    return n;
                }
            };
            Closeable started = client().execStartCmd(execId).withStdIn(stdin).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    try {
                        out.write(frame.getPayload());
                        out.flush();
                    } catch (IOException gone) {
                        try {
                            close();
                        } catch (IOException ignored) {
                            // already closing
                        }
                    }
                }

                @Override
                public void onComplete() {
                    super.onComplete();
                    ended.run();
                }

                @Override
                public void onError(Throwable throwable) {
                    super.onError(throwable);
                    ended.run();
                }
            });
            session.set(started);
            return started;
        });
    }

    /** Streams a host file into a container (as a one-entry tar), readable by every user in it. */
    public void copyFileIn(String containerId, java.nio.file.Path hostFile, String containerPath) {
        call("copy " + hostFile + " into " + containerId, () -> {
            java.io.PipedInputStream in = new java.io.PipedInputStream(1 << 16);
            java.io.PipedOutputStream out;
            try {
                out = new java.io.PipedOutputStream(in);
            } catch (IOException e) {
                throw new EngineException("pipe failed", e);
            }
            Thread writer = new Thread(() -> {
                try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(out)) {
                    tar.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_POSIX);
                    tar.setBigNumberMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.BIGNUMBER_POSIX);
                    var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(containerPath.replaceFirst("^/+", ""));
                    entry.setSize(java.nio.file.Files.size(hostFile));
                    entry.setMode(0100644);
                    tar.putArchiveEntry(entry);
                    java.nio.file.Files.copy(hostFile, tar);
                    tar.closeArchiveEntry();
                } catch (IOException ignored) {
                    // the reading side reports a short archive
                }
            }, "tar-writer");
            writer.setDaemon(true);
            writer.start();
            client().copyArchiveToContainerCmd(containerId).withRemotePath("/").withTarInputStream(in).exec();
            return null;
        });
    }

    private interface EngineCall<T> {
        T run();
    }

    private <T> T call(String what, EngineCall<T> body) {
        try {
            return body.run();
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            if (isConnectionFailure(e)) {
                throw new EngineUnavailableException(host, e);
            }
            throw new EngineException(what + " failed: " + EngineUnavailableException.rootMessage(e), e);
        }
    }

    private static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.NoRouteToHostException
                    || t instanceof java.nio.channels.UnresolvedAddressException
                    || (t instanceof java.io.IOException && String.valueOf(t.getMessage()).contains("No such file"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        DockerClient made;
        synchronized (this) {
            made = client;
        }
        if (made != null) {
            made.close(); // closes the HTTP client too
        } else {
            http.close();
        }
    }

    private synchronized DockerClient client() {
        if (client == null) {
            client = DockerClientImpl.getInstance(config.get(), http);
        }
        return client;
    }
}
