package org.kaspa.aio.provision;

import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.engine.ContainerInfo;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.EngineException;
import org.kaspa.aio.health.Readiness;
import org.kaspa.aio.health.ReadinessProbe;
import org.kaspa.aio.profile.InvalidInputException;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.ProfileValidator;
import org.kaspa.aio.profile.Secrets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Converges the engine to a profile: validate → read actual state → plan → apply. Shared resources
 * (network, volumes, images) first, then every database in parallel; apply returns when each enabled
 * database accepts connections over TCP from the host (DESIGN §3), or fails with its last log lines.
 */
public final class Provisioner {
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration POLL = Duration.ofMillis(100);
    /** The step message that says a resource's action finished. */
    public static final String DONE = "done";

    private final DockerEngine engine;
    private final ServiceCatalog catalog;
    private final ReadinessProbe probe = new ReadinessProbe();
    private Duration readyTimeout = DEFAULT_READY_TIMEOUT;

    public Provisioner(DockerEngine engine, ServiceCatalog catalog) {
        this.engine = engine;
        this.catalog = catalog;
    }

    public Provisioner withReadyTimeout(Duration timeout) {
        this.readyTimeout = timeout;
        return this;
    }

    /** Validates and plans without changing anything. */
    public ProvisionPlan plan(Profile profile, Secrets secrets) {
        return plan(desiredState(profile, secrets));
    }

    private DesiredState desiredState(Profile profile, Secrets secrets) {
        ProfileValidator.validate(profile);
        return DesiredState.of(profile, secrets, catalog);
    }

    private ProvisionPlan plan(DesiredState desired) {
        engine.info();
        ProvisionPlan plan = Planner.plan(desired, ActualState.read(engine, desired));
        checkPortsFree(desired, plan);
        checkMajorVersions(desired, plan);
        return plan;
    }

    /**
     * A data directory only opens with the PostgreSQL major version that created it. Before a container
     * is (re)created on an existing volume, compare the volume's PG_VERSION with the image's PG_MAJOR
     * (declared by the official postgres images and those built on them). Images not present yet are
     * checked after their pull, before any container is touched.
     */
    private void checkMajorVersions(DesiredState desired, ProvisionPlan plan) {
        for (DesiredDatabase d : desired.databases()) {
            String name = d.spec().name();
            boolean creates = plan.actions().stream().anyMatch(a -> a.resource().equals(name)
                    && (a.kind() == PlanAction.Kind.CREATE_CONTAINER || a.kind() == PlanAction.Kind.RECREATE_CONTAINER));
            if (!creates || !engine.hasImage(d.spec().image()) || engine.findVolume(d.spec().volume()).isEmpty()) {
                continue;
            }
            String imageMajor = engine.imageEnv(d.spec().image()).get("PG_MAJOR");
            if (imageMajor == null) {
                continue;
            }
            var existing = engine.findContainer(name);
            java.util.Optional<byte[]> version = existing.isPresent()
                    ? engine.readFile(existing.get().id(), DesiredState.DATA_PATH + "/PG_VERSION")
                    : engine.readFileFromVolume(d.spec().image(), d.spec().volume(), DesiredState.DATA_PATH, "PG_VERSION",
                    Labels.of(d.serviceId(), Labels.ROLE_HELPER));
            String dataMajor = version.map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8).strip()).orElse(null);
            if (dataMajor != null && !dataMajor.equals(imageMajor.strip())) {
                throw new ApplyException(name + ": image " + d.spec().image() + " runs PostgreSQL " + imageMajor
                        + " but the data on volume " + d.spec().volume() + " was created by PostgreSQL " + dataMajor
                        + "; a data directory only opens with its own major version, so nothing was changed. Keep an image of major "
                        + dataMajor + ", or back up (pg_dump), move to a new volume and restore");
            }
        }
    }

    public ProvisionPlan apply(Profile profile, Secrets secrets, ApplyListener listener) {
        DesiredState desired = desiredState(profile, secrets);
        ProvisionPlan plan = plan(desired);
        execute(desired, plan, listener);
        return plan;
    }

    /** Runs after pulls: images that were missing at plan time can now be checked. */
    private void checkMajorVersionsAfterPull(DesiredState desired, ProvisionPlan plan) {
        if (plan.actions().stream().anyMatch(a -> a.kind() == PlanAction.Kind.PULL_IMAGE)) {
            checkMajorVersions(desired, plan);
        }
    }

    /**
     * A port we are about to publish must be free on the host, unless one of our own containers holds
     * it now (a re-apply, or a recreate that gives the port back first).
     */
    private void checkPortsFree(DesiredState desired, ProvisionPlan plan) {
        Set<Integer> ours = engine.containersWithLabel(Labels.SERVICE).stream()
                .map(ContainerInfo::hostPort).filter(p -> p != null).collect(Collectors.toSet());
        for (DesiredDatabase d : desired.databases()) {
            boolean publishes = plan.forService(d.serviceId()).stream().anyMatch(a -> a.resource().equals(d.spec().name())
                    && (a.kind() == PlanAction.Kind.CREATE_CONTAINER || a.kind() == PlanAction.Kind.RECREATE_CONTAINER
                    || a.kind() == PlanAction.Kind.START_CONTAINER));
            int port = d.spec().hostPort();
            if (publishes && !ours.contains(port) && !HostPortCheck.isFree(desired.bindAddress(), port)) {
                throw new InvalidInputException("profile.json", "services." + d.serviceId() + ".database.port",
                        "port " + port + " on " + desired.bindAddress() + " is already in use on this machine; choose a free port");
            }
        }
    }

    private void execute(DesiredState desired, ProvisionPlan plan, ApplyListener listener) {
        // Pulls first, one at a time (they share layers and bandwidth) ...
        plan.actions().stream().filter(a -> a.kind() == PlanAction.Kind.PULL_IMAGE).forEach(a -> pull(a.resource(), listener));
        // ... then the network and the volumes, which do not depend on each other, concurrently ...
        List<java.util.concurrent.CompletableFuture<Void>> shared = new ArrayList<>();
        for (PlanAction a : plan.actions()) {
            if (a.kind() == PlanAction.Kind.CREATE_NETWORK) {
                shared.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                    listener.step(a.resource(), "creating network");
                    engine.createNetwork(a.resource(), Labels.of(Labels.SHARED, Labels.ROLE_NETWORK));
                    listener.step(a.resource(), DONE);
                }));
            } else if (a.kind() == PlanAction.Kind.CREATE_VOLUME) {
                String role = desired.volumes().stream().filter(v -> v.name().equals(a.resource())).findFirst().orElseThrow().role();
                shared.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                    listener.step(a.resource(), "creating volume");
                    engine.createVolume(a.resource(), Labels.of(a.serviceId(), role));
                    listener.step(a.resource(), DONE);
                }));
            }
        }
        try {
            java.util.concurrent.CompletableFuture.allOf(shared.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        // ... containers of disabled services go (volumes stay) ...
        for (PlanAction a : plan.actions()) {
            if (a.kind() == PlanAction.Kind.REMOVE_CONTAINER) {
                listener.step(a.resource(), "removing container (service disabled, volume kept)");
                engine.findContainer(a.resource()).ifPresent(c -> engine.removeContainer(c.id()));
                listener.step(a.resource(), DONE);
            }
        }
        // ... and every enabled database converges in parallel.
        checkMajorVersionsAfterPull(desired, plan);
        Map<String, PlanAction> containerActions = new HashMap<>();
        for (PlanAction a : plan.actions()) {
            if (desired.databases().stream().anyMatch(d -> d.spec().name().equals(a.resource()))) {
                containerActions.put(a.resource(), a);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, desired.databases().size()), r -> {
            Thread t = new Thread(r, "kaspa-aio-apply");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (DesiredDatabase d : desired.databases()) {
                futures.add(pool.submit(() -> convergeDatabase(d, containerActions.get(d.spec().name()), listener)));
            }
            ApplyException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException re ? re : new RuntimeException(e.getCause());
                    if (first == null) {
                        first = cause instanceof ApplyException ae ? ae : new ApplyException(cause.getMessage(), List.of(), cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ApplyException("apply interrupted");
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void pull(String image, ApplyListener listener) {
        listener.step(image, "pulling image");
        try {
            engine.pull(image, (img, current, total, status) -> listener.pullProgress(img, current, total));
            listener.step(image, DONE);
        } catch (EngineException e) {
            throw new ApplyException(e.getMessage() + " (set services.<id>.database.image in profile.json to an image this engine can pull or already has)",
                    List.of(), e);
        }
    }

    private void convergeDatabase(DesiredDatabase d, PlanAction action, ApplyListener listener) {
        String name = d.spec().name();
        long t0 = System.nanoTime();
        String id;
        switch (action.kind()) {
            case CREATE_CONTAINER, RECREATE_CONTAINER -> {
                if (action.kind() == PlanAction.Kind.RECREATE_CONTAINER) {
                    listener.step(name, "recreating container (" + action.reason() + ")");
                    engine.findContainer(name).ifPresent(c -> engine.removeContainer(c.id()));
                } else {
                    listener.step(name, "creating container");
                }
                Checkpoints.reach(Checkpoints.BEFORE_CREATE, name);
                id = engine.createContainer(d.spec());
                engine.copyFiles(id, d.spec().files());
                Checkpoints.reach(Checkpoints.AFTER_CREATE, name);
                listener.step(name, "starting container");
                engine.start(id);
            }
            case START_CONTAINER -> {
                ContainerInfo c = engine.findContainer(name).orElseThrow(() -> new ApplyException(name + " disappeared during apply"));
                id = c.id();
                if (!c.everStarted()) {
                    // Created by an apply that was interrupted before the start: its files may be missing.
                    engine.copyFiles(id, d.spec().files());
                }
                listener.step(name, "starting container");
                engine.start(id);
            }
            default -> id = engine.findContainer(name).map(ContainerInfo::id)
                    .orElseThrow(() -> new ApplyException(name + " disappeared during apply"));
        }
        Checkpoints.reach(Checkpoints.WAITING_FOR_READY, name);
        awaitAccepting(d, id, t0, listener);
    }

    private void awaitAccepting(DesiredDatabase d, String containerId, long t0, ApplyListener listener) {
        String name = d.spec().name();
        String host = probeHost(d.spec().bindAddress());
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        long nextStateCheck = 0;
        boolean announced = false;
        while (true) {
            Readiness r = probe.probe(host, d.spec().hostPort(), d.profile().user(), d.profile().name(), Duration.ofSeconds(2));
            if (r == Readiness.ACCEPTING) {
                listener.ready(name, (System.nanoTime() - t0) / 1_000_000L);
                return;
            }
            if (!announced) {
                listener.step(name, "waiting until it accepts connections on " + host + ":" + d.spec().hostPort());
                announced = true;
            }
            long now = System.nanoTime();
            if (now >= nextStateCheck) {
                ContainerInfo c = engine.findContainer(name).orElse(null);
                if (c == null || (!c.running() && !"created".equals(c.state()))) {
                    throw new ApplyException(name + " stopped before accepting connections (state: "
                            + (c == null ? "gone" : c.state()) + "); last log lines follow", engine.logTail(containerId, 20), null);
                }
                nextStateCheck = now + 1_000_000_000L;
            }
            if (now >= deadline) {
                throw new ApplyException(name + " did not accept connections on " + host + ":" + d.spec().hostPort()
                        + " within " + readyTimeout.toSeconds() + " s (last answer: " + r.text() + "); last log lines follow",
                        engine.logTail(containerId, 20), null);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApplyException("apply interrupted while waiting for " + name);
            }
        }
    }

    /** The address to probe a published port on: the bind address, or loopback for a wildcard bind. */
    public static String probeHost(String bindAddress) {
        return switch (bindAddress) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]" -> "::1";
            default -> bindAddress;
        };
    }
}
