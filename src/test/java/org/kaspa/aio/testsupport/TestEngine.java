package org.kaspa.aio.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The real Docker engine the README's test command starts (DESIGN §5), driven through the real docker
 * CLI so that tests check what a user would see. Missing set-up is a failure, never a skip.
 */
public final class TestEngine {
    public static final List<String> OUR_CONTAINERS = List.of("k-social-db", "simply-kaspa-db", "k-social-db-pooler", "simply-kaspa-db-pooler",
            "k-social-db-exporter", "simply-kaspa-db-exporter", "kaspa-aio-prometheus");
    /** The volumes of a default install. */
    public static final List<String> OUR_VOLUMES = List.of("k-social-db-data", "simply-kaspa-db-data", "kasia-indexer-data");
    /** Volumes a test may make beyond those: read replicas' copies, Prometheus's history, the backups volumes. */
    private static final List<String> REPLICA_VOLUMES = java.util.stream.Stream.concat(java.util.stream.Stream.of("kaspa-aio-prometheus-data",
                    "k-social-db-data-backups", "simply-kaspa-db-data-backups"),
            java.util.stream.IntStream.rangeClosed(1, 5).boxed()
            .flatMap(n -> java.util.stream.Stream.of("k-social-db-replica-" + n + "-data", "simply-kaspa-db-replica-" + n + "-data"))).toList();
    public static final String NETWORK = "kaspa-aio";

    private TestEngine() {
    }

    /** From the environment (run-tests.sh) or a system property (the bench profile's properties file). */
    static String requireEnv(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            v = System.getProperty(name);
        }
        if (v == null || v.isBlank()) {
            throw new AssertionError(name + " is not set: run the tests through the README's test command (src/test/engine/run-tests.sh)");
        }
        return v;
    }

    public static String dockerHost() {
        return requireEnv("DOCKER_HOST");
    }

    /** The PostgreSQL stand-in image built by the harness. */
    public static String image() {
        return requireEnv("KASPA_AIO_TEST_IMAGE");
    }

    /** The PgBouncer stand-in image (Debian's PgBouncer 1.18, so session pooling). */
    public static String poolerImage() {
        return requireEnv("KASPA_AIO_TEST_POOLER_IMAGE");
    }

    /** The postgres_exporter stand-in (Debian's 0.11). */
    public static String exporterImage() {
        return requireEnv("KASPA_AIO_TEST_EXPORTER_IMAGE");
    }

    /** The pgbouncer-exporter stand-in (its contract, PgBouncer's own figures). */
    public static String poolerExporterImage() {
        return requireEnv("KASPA_AIO_TEST_POOLER_EXPORTER_IMAGE");
    }

    /** The node exporter stand-in (Debian's 1.5), reporting the databases' volumes. */
    public static String volumeExporterImage() {
        return requireEnv("KASPA_AIO_TEST_VOLUME_EXPORTER_IMAGE");
    }

    /** The Prometheus stand-in (Debian's 2.42). */
    public static String prometheusImage() {
        return requireEnv("KASPA_AIO_TEST_PROMETHEUS_IMAGE");
    }

    /** The same image, served by the harness's local registry and absent from the engine until pulled. */
    public static String registryImage() {
        return requireEnv("KASPA_AIO_TEST_REGISTRY_IMAGE");
    }

    public static Proc.Result docker(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("docker");
        cmd.addAll(Arrays.asList(args));
        return Proc.run(cmd, java.util.Map.of("DOCKER_HOST", dockerHost()), java.time.Duration.ofMinutes(3));
    }

    /** Whether the tests run on Podman's Docker-compatible API rather than dockerd. */
    public static boolean onPodman() {
        return dockerHost().contains("podman");
    }

    /**
     * {@code docker commit --change …}: Podman's compatible API rejects the changes ("Decode(): EOF"), so on
     * Podman its own CLI commits (same store as the service).
     */
    public static void commit(String container, String change, String image) {
        if (onPodman()) {
            Proc.Result r = Proc.run(List.of("podman", "commit", "-q", "--change", change, container, image), java.util.Map.of(),
                    java.time.Duration.ofMinutes(3));
            if (r.exitCode() != 0) {
                throw new AssertionError("podman commit failed: " + r);
            }
        } else {
            dockerOk("commit", "--change", change, container, image);
        }
    }

    public static String dockerOk(String... args) {
        Proc.Result r = docker(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("docker " + String.join(" ", args) + " failed: " + r);
        }
        return r.stdout().trim();
    }

    /** Removes every container, volume and network with our names or labels: each test starts from nothing. */
    public static void reset() {
        for (String c : OUR_CONTAINERS) {
            docker("rm", "-f", c);
        }
        String labelled = docker("ps", "-aq", "--filter", "label=kaspa-aio.service").stdout().trim();
        if (!labelled.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("rm", "-f"));
            cmd.addAll(List.of(labelled.split("\\s+")));
            docker(cmd.toArray(String[]::new));
        }
        for (String v : OUR_VOLUMES) {
            docker("volume", "rm", "-f", v);
        }
        for (String v : REPLICA_VOLUMES) {
            docker("volume", "rm", "-f", v);
        }
        // what point-in-time restores made: <database container>-data-<time>
        for (String v : docker("volume", "ls", "-q", "--filter", "label=kaspa-aio.service").stdout().lines().toList()) {
            if (v.matches("(k-social-db|simply-kaspa-db)-data-\\d{8}-\\d{6}")) {
                docker("volume", "rm", "-f", v);
            }
        }
        docker("network", "rm", NETWORK);
    }

    public static boolean containerExists(String name) {
        return docker("container", "inspect", name).exitCode() == 0;
    }

    public static boolean volumeExists(String name) {
        return docker("volume", "inspect", name).exitCode() == 0;
    }

    public static boolean networkExists(String name) {
        return docker("network", "inspect", name).exitCode() == 0;
    }

    public static String containerId(String name) {
        return dockerOk("inspect", "--format", "{{.Id}}", name);
    }

    /** True when none of our names exist on the engine. */
    public static boolean nothingOfOurs() {
        return OUR_CONTAINERS.stream().noneMatch(TestEngine::containerExists)
                && OUR_VOLUMES.stream().noneMatch(TestEngine::volumeExists)
                && !networkExists(NETWORK);
    }
}
