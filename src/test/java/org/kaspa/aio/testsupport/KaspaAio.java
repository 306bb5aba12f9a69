package org.kaspa.aio.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The packaged application ({@code java -jar target/kaspa-aio.jar}) run as a user would, with its own home. */
public final class KaspaAio {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path home;
    private final Map<String, String> env = new HashMap<>();

    public KaspaAio(Path home) {
        this.home = home;
        env.put("KASPA_AIO_HOME", home.toString());
        env.put("DOCKER_HOST", TestEngine.dockerHost());
    }

    public KaspaAio withEnv(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Runs without this variable, even if the test JVM has it. */
    public KaspaAio withoutEnv(String key) {
        env.put(key, null);
        return this;
    }

    public Path home() {
        return home;
    }

    public static String jar() {
        String jar = System.getProperty("kaspa.aio.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new AssertionError("the packaged jar is missing (run through mvn verify): " + jar);
        }
        return jar;
    }

    public Proc.Result run(String... args) {
        return Proc.run(command(args), env, Duration.ofMinutes(5));
    }

    /** Runs with the given text on standard input. */
    public Proc.Result runWithInput(String stdin, String... args) {
        return Proc.run(command(args), env, Duration.ofMinutes(5), stdin);
    }

    /** Starts the app without waiting, with extra environment; the caller reads and ends it. */
    public Process start(Map<String, String> extraEnv, String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(args));
        Proc.applyEnv(pb, env);
        Proc.applyEnv(pb, extraEnv);
        pb.redirectErrorStream(true);
        return pb.start();
    }

    /**
     * Starts a test-side main class on the packaged jar's classpath (its manifest brings target/lib) plus
     * the test classes, without waiting; the caller reads and ends it.
     */
    public Process startTestMain(Class<?> main, String... args) throws IOException {
        String testClasses;
        try {
            testClasses = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar() + java.io.File.pathSeparator + testClasses, main.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Proc.applyEnv(pb, env);
        pb.redirectErrorStream(true);
        return pb.start();
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    public Proc.Result ok(String... args) {
        Proc.Result r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("kaspa-aio " + String.join(" ", args) + " failed: " + r);
        }
        return r;
    }

    /** A fresh home, initialised for the tests' stand-in image, on an engine holding nothing of ours. */
    public static KaspaAio fresh() throws IOException {
        TestEngine.reset();
        return new KaspaAio(Files.createTempDirectory("kaspa-aio-home")).initWithImage(TestEngine.image());
    }

    /** {@link #fresh()}, then {@code apply}: both databases accepting with the default profile. */
    public static KaspaAio installed() throws IOException {
        KaspaAio app = fresh();
        app.ok("apply");
        return app;
    }

    /**
     * {@code init}, then point both databases at the given image (the tests' stand-in) and their poolers at
     * the PgBouncer stand-in, turned off: the tests that are not about the pooler keep their scope.
     */
    public KaspaAio initWithImage(String image) {
        ok("init");
        useImage(image);
        withMonitoring(false);
        withBackups(false);
        return withPoolers(false);
    }

    /** Turns both databases' scheduled backups on or off (schedule and retention as the profile has them). */
    public KaspaAio withBackups(boolean on) {
        editProfile(p -> p.path("services").forEach(s -> {
            if (s.has("database") && s.get("database").has("backups")) {
                ((ObjectNode) s.get("database").get("backups")).put("enabled", on);
            }
        }));
        return this;
    }

    /** Turns the monitoring stack on or off, on the exporter and Prometheus stand-ins. */
    public KaspaAio withMonitoring(boolean on) {
        editProfile(p -> {
            ObjectNode m = (ObjectNode) p.get("monitoring");
            m.put("enabled", on).put("exporterImage", TestEngine.exporterImage()).put("poolerExporterImage", TestEngine.poolerExporterImage())
                    .put("volumeExporterImage", TestEngine.volumeExporterImage());
            ((ObjectNode) m.get("prometheus")).put("image", TestEngine.prometheusImage());
            ((ObjectNode) m.get("grafana")).put("enabled", false);
        });
        return this;
    }

    /** Turns both poolers on or off, on the PgBouncer stand-in with session pooling (its PgBouncer is 1.18). */
    public KaspaAio withPoolers(boolean on) {
        editProfile(p -> p.path("services").forEach(s -> {
            if (s.has("database") && s.get("database").has("pooler")) {
                ((ObjectNode) s.get("database").get("pooler")).put("enabled", on).put("image", TestEngine.poolerImage())
                        .put("poolMode", "session");
            }
        }));
        return this;
    }

    /** Points both databases at the given image. */
    public KaspaAio useImage(String image) {
        editProfile(p -> p.path("services").forEach(s -> {
            if (s.has("database")) {
                ((ObjectNode) s.get("database")).put("image", image);
            }
        }));
        return this;
    }

    public interface ProfileEdit {
        void edit(ObjectNode profile);
    }

    public void editProfile(ProfileEdit edit) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(home.resolve("profile.json").toFile());
            edit.edit(root);
            Files.writeString(home.resolve("profile.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** profile.json as the app reads it. */
    public org.kaspa.aio.profile.Profile loadProfile() {
        return new org.kaspa.aio.profile.ProfileStore(org.kaspa.aio.catalog.ServiceCatalog.load()).read(home.resolve("profile.json"));
    }

    public JsonNode profile() {
        try {
            return JSON.readTree(home.resolve("profile.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String password(String serviceId) {
        try {
            return JSON.readTree(home.resolve("secrets.json").toFile()).path(serviceId).path("password").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
