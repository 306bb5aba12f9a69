package org.kaspa.aio.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.engine.HealthCheck;
import org.kaspa.aio.engine.PublishedPort;
import org.kaspa.aio.engine.VolumeMount;
import org.kaspa.aio.profile.HostAddress;
import org.kaspa.aio.provision.DesiredComponent;
import org.kaspa.aio.provision.DesiredState;
import org.kaspa.aio.provision.DesiredVolume;
import org.kaspa.aio.provision.Labels;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The desired state as a docker-compose project, rendered from the very container specs apply creates,
 * so the two cannot drift. Every file a spec copies into its container becomes a file beside the compose
 * file: secrets under {@code secrets/} (mounted through compose {@code secrets:}, read by the image via
 * its {@code *_FILE} variable, so no password is in any environment or in {@code docker inspect}), other
 * files under {@code files/<container>/…}, bind-mounted read-only at the same path.
 *
 * @param yaml  docker-compose.yml
 * @param files path relative to the compose file → the file to write there
 */
public record ComposeFile(String yaml, Map<String, ExportedFile> files) {

    /**
     * A file the compose project mounts. Compose bind-mounts it with the mode and owner it has here, so a
     * {@code secret} is written readable (the secrets folder keeps everyone else out) unless {@code ownerOnly}:
     * a libpq password file, which libpq ignores when others may read it; its service then runs as the
     * exporting user, who owns it.
     */
    public record ExportedFile(byte[] content, boolean secret, boolean ownerOnly) {
        @Override
        public String toString() {
            return "ExportedFile[" + (secret ? "secret" : content.length + " bytes") + "]";
        }
    }

    /**
     * Every string value double-quoted: compose v1 reads YAML 1.1, where a bare {@code 5433:5432} is a
     * base-60 number and a bare {@code [::1]:5433:5432} a list.
     */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    public static final String SECRETS_DIR = "secrets";

    /** A value compose passes on as written: it would substitute {@code $NAME} (a regular expression's end, say) otherwise. */
    static String literal(String value) {
        return value.replace("$", "$$");
    }
    public static final String FILES_DIR = "files";

    /** @param hostUser the exporting user as {@code uid:gid}: who owns the exported files */
    public static ComposeFile render(DesiredState desired, String hostUser) {
        // a dependency without a health check (an exporter) can only be waited for until it has started
        java.util.Set<String> unchecked = desired.components().stream().filter(c -> c.spec().healthCheck() == null)
                .map(DesiredComponent::name).collect(java.util.stream.Collectors.toSet());
        ObjectNode root = YAML.createObjectNode();
        ObjectNode services = root.putObject("services");
        ObjectNode secrets = YAML.createObjectNode();
        Map<String, ExportedFile> files = new LinkedHashMap<>();
        for (DesiredComponent c : desired.components()) {
            if (c.seeding() != null) {
                // the one-off that fills the volume runs first, once its source is healthy (a replica's primary)
                ContainerSpec task = c.seeding().task();
                ObjectNode t = service(task, c.dependsOn(), secrets, files, unchecked, hostUser);
                ArrayNode entrypoint = YAML.createArrayNode();
                task.command().forEach(arg -> entrypoint.add(literal(arg)));
                t.remove("command");
                t.set("entrypoint", entrypoint);
                t.put("restart", "no");
                services.set(task.name(), t);
            }
            services.set(c.name(), service(c, secrets, files, unchecked, hostUser));
        }
        root.putObject("networks").putObject(desired.network())
                .put("name", desired.network())
                .set("labels", labels(Labels.of(Labels.SHARED, Labels.ROLE_NETWORK)));
        ObjectNode volumes = root.putObject("volumes");
        for (DesiredVolume v : desired.volumes()) {
            volumes.putObject(v.name()).put("name", v.name()).set("labels", labels(Labels.of(v.serviceId(), v.role())));
        }
        if (!secrets.isEmpty()) {
            root.set("secrets", secrets);
        }
        try {
            String header = "# Kaspa All-in-One, as provisioned by kaspa-aio (rendered from the same container specs as 'apply').\n"
                    + "# Passwords are files under ./secrets (keep that folder private); none is in this file or any environment.\n"
                    + "# Back to the installer: 'docker-compose down' (without -v), then 'kaspa-aio apply' adopts the volumes.\n";
            return new ComposeFile(header + YAML.writeValueAsString(root), files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rendering the compose file", e);
        }
    }

    private static ObjectNode service(DesiredComponent c, ObjectNode secrets, Map<String, ExportedFile> files, java.util.Set<String> unchecked,
                                      String hostUser) {
        ObjectNode s = service(c.spec(), c.dependsOn(), secrets, files, unchecked, hostUser);
        if (c.seeding() != null) {
            ((ObjectNode) s.get("depends_on")).putObject(c.seeding().task().name()).put("condition", "service_completed_successfully");
        }
        return s;
    }

    private static ObjectNode service(ContainerSpec spec, java.util.List<String> dependsOn, ObjectNode secrets, Map<String, ExportedFile> files,
                                      java.util.Set<String> unchecked, String hostUser) {
        ObjectNode s = YAML.createObjectNode();
        s.put("image", spec.image());
        s.put("container_name", spec.name());
        if (!spec.command().isEmpty()) {
            ArrayNode cmd = s.putArray("command");
            spec.command().forEach(c -> cmd.add(literal(c)));
        }
        ObjectNode env = s.putObject("environment");
        new TreeMap<>(spec.env()).forEach((k, v) -> env.put(k, literal(v)));
        // No config hash: apply sees these containers as changed and recreates them as its own (adoption).
        Map<String, String> labels = new TreeMap<>(spec.labels());
        labels.remove(Labels.CONFIG_HASH);
        labels.put(Labels.ORIGIN, Labels.ORIGIN_COMPOSE_EXPORT);
        s.set("labels", labels(labels));
        if (!spec.ports().isEmpty()) {
            ArrayNode ports = s.putArray("ports");
            for (PublishedPort p : spec.ports()) {
                ports.add(HostAddress.forUrl(p.hostAddress()) + ":" + p.hostPort() + ":" + p.containerPort());
            }
        }
        ArrayNode volumes = YAML.createArrayNode();
        for (VolumeMount m : spec.mounts()) {
            volumes.add(m.volume() + ":" + m.path() + (m.readOnly() ? ":ro" : ""));
        }
        ArrayNode serviceSecrets = YAML.createArrayNode();
        for (ContainerFile f : spec.files()) {
            String base = f.path().substring(f.path().lastIndexOf('/') + 1);
            if (f.secret()) {
                String secretName = spec.name() + "-" + base;
                String rel = SECRETS_DIR + "/" + secretName;
                // compose cannot give a mounted file another owner (its secrets' uid/gid/mode are ignored): a file
                // that must belong to the program's user makes the program run as the user who owns it here
                boolean ownerOnly = f.owner() != ContainerFile.ROOT;
                files.put(rel, new ExportedFile(f.content(), true, ownerOnly));
                secrets.putObject(secretName).put("file", "./" + rel);
                serviceSecrets.addObject().put("source", secretName).put("target", f.path());
                if (ownerOnly) {
                    s.put("user", hostUser);
                }
            } else {
                String rel = FILES_DIR + "/" + spec.name() + f.path();
                files.put(rel, new ExportedFile(f.content(), false, false));
                volumes.add("./" + rel + ":" + f.path() + ":ro");
            }
        }
        if (!volumes.isEmpty()) {
            s.set("volumes", volumes);
        }
        if (!serviceSecrets.isEmpty()) {
            s.set("secrets", serviceSecrets);
        }
        s.putArray("networks").add(spec.network());
        if (spec.stopSignal() != null) {
            s.put("stop_signal", spec.stopSignal());
        }
        s.put("restart", "unless-stopped");
        if (spec.resources() != null) {
            s.put("mem_limit", (spec.resources().memoryBytes() >> 20) + "m");
            s.put("cpus", String.valueOf(spec.resources().cpus()));
            s.put("shm_size", (spec.resources().shmBytes() >> 20) + "m");
        }
        if (spec.healthCheck() != null) {
            HealthCheck h = spec.healthCheck();
            ObjectNode hc = s.putObject("healthcheck");
            ArrayNode test = hc.putArray("test").add("CMD");
            h.command().forEach(c -> test.add(literal(c)));
            hc.put("interval", seconds(h.interval()));
            hc.put("timeout", seconds(h.timeout()));
            hc.put("retries", h.retries());
            hc.put("start_period", seconds(h.startPeriod()));
        }
        if (!dependsOn.isEmpty()) {
            ObjectNode deps = s.putObject("depends_on");
            dependsOn.forEach(d -> deps.putObject(d).put("condition", unchecked.contains(d) ? "service_started" : "service_healthy"));
        }
        return s;
    }

    private static ObjectNode labels(Map<String, String> labels) {
        ObjectNode n = YAML.createObjectNode();
        new TreeMap<>(labels).forEach((k, v) -> n.put(k, literal(v)));
        return n;
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + "s";
    }
}
