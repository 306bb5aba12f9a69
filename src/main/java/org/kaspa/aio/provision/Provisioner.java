package org.kaspa.aio.provision;

import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.engine.ContainerInfo;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.EngineException;
import org.kaspa.aio.engine.PublishedPort;
import org.kaspa.aio.engine.VolumeInfo;
import org.kaspa.aio.health.HostPortCheck;
import org.kaspa.aio.health.PortAccess;
import org.kaspa.aio.engine.ContainerResources;
import org.kaspa.aio.engine.EngineMachine;
import org.kaspa.aio.health.Readiness;
import org.kaspa.aio.plan.PlanAction;
import org.kaspa.aio.plan.ProvisionPlan;
import org.kaspa.aio.profile.InvalidInputException;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.ProfileValidator;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.progress.ProgressEvent;
import org.kaspa.aio.progress.ProgressEvent.Phase;
import org.kaspa.aio.progress.ProgressListener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Converges the engine to a profile: validate → read actual state → plan → apply. Shared resources
 * (images, network, volumes) first; then every component as soon as the components it depends on are
 * ready, independent ones in parallel, the way compose's convergence does. Apply returns when every
 * component passes its readiness check, or fails with the failing container's last log lines.
 */
public final class Provisioner {
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration POLL = Duration.ofMillis(100);

    private final DockerEngine engine;
    private final ServiceCatalog catalog;
    private Duration readyTimeout = DEFAULT_READY_TIMEOUT;
    private PortAccess ports = PortAccess.LOCAL;

    public Provisioner(DockerEngine engine, ServiceCatalog catalog) {
        this.engine = engine;
        this.catalog = catalog;
    }

    public Provisioner withReadyTimeout(Duration timeout) {
        this.readyTimeout = timeout;
        return this;
    }

    /** How this machine reaches the ports the engine publishes (another host's, for a remote engine). */
    public Provisioner withPortAccess(PortAccess access) {
        this.ports = access;
        return this;
    }

    /** The validated desired state of a profile: what plan, apply and the compose export all render. */
    public static DesiredState desiredState(Profile profile, Secrets secrets, ServiceCatalog catalog) {
        ProfileValidator.validate(profile);
        return DesiredState.of(profile, secrets, catalog);
    }

    private DesiredState desiredState(Profile profile, Secrets secrets) {
        ProfileValidator.validate(profile);
        return DesiredState.of(profile, secrets, catalog, ports);
    }

    /** Validates and plans without changing anything. */
    public ProvisionPlan plan(Profile profile, Secrets secrets) {
        return plan(desiredState(profile, secrets));
    }

    private ProvisionPlan plan(DesiredState desired) {
        engine.info();
        checkResourcesFit(desired);
        ProvisionPlan plan = Planner.plan(desired, ActualState.read(engine, desired));
        checkPortsFree(desired, plan);
        checkDataDirectories(desired, plan);
        checkLiveConfigurations(desired, plan);
        return seedings(desired, describeUpdates(desired, plan));
    }

    /**
     * A seeded component (a replica) says in the plan where its copy comes from, and one whose copy can no
     * longer follow its source (its slot was invalidated) is planned as a recreate on a fresh copy.
     */
    private ProvisionPlan seedings(DesiredState desired, ProvisionPlan plan) {
        List<PlanAction> out = new ArrayList<>();
        for (PlanAction a : plan.actions()) {
            DesiredComponent d = desired.components().stream().filter(c -> c.name().equals(a.resource())).findFirst().orElse(null);
            if (d == null || d.seeding() == null || a.kind() == PlanAction.Kind.PULL_IMAGE) {
                out.add(a);
            } else if (a.kind() == PlanAction.Kind.CREATE_CONTAINER) {
                out.add(new PlanAction(a.kind(), a.resource(), a.serviceId(), a.reason() + "; " + d.seeding().describe()));
            } else {
                String reseed = d.seeding().reseedReason(engine);
                out.add(reseed == null ? a : new PlanAction(PlanAction.Kind.RECREATE_CONTAINER, a.resource(), a.serviceId(),
                        reseed + "; " + d.seeding().describe() + " again"));
            }
        }
        return new ProvisionPlan(out);
    }

    /** No container may be given more memory or CPUs than the engine's machine has. */
    private void checkResourcesFit(DesiredState desired) {
        EngineMachine machine = null;
        for (DesiredComponent d : desired.components()) {
            ContainerResources r = d.spec().resources();
            if (r == null) {
                continue;
            }
            if (machine == null) {
                machine = engine.machine();
            }
            if (machine.memoryBytes() > 0 && r.memoryBytes() > machine.memoryBytes()) {
                throw new InvalidInputException("profile.json", d.profilePath() + ".resources.memoryMb", (r.memoryBytes() >> 20)
                        + " is more than the engine's machine has (" + machine.memoryMb() + " MB)");
            }
            if (machine.cpus() > 0 && r.cpus() > machine.cpus()) {
                throw new InvalidInputException("profile.json", d.profilePath() + ".resources.cpus", r.cpus()
                        + " is more than the engine's machine has (" + machine.cpus() + " CPUs)");
            }
        }
    }

    private static PlanAction.Kind kindFor(ProvisionPlan plan, String name) {
        return plan.actions().stream().filter(a -> a.resource().equals(name)).map(PlanAction::kind).findFirst().orElse(PlanAction.Kind.KEEP);
    }

    /**
     * Before anything changes, a new or changed configuration is checked by the program that will run it
     * (an image still to be pulled is checked after its pull, before any container is touched).
     */
    private void checkLiveConfigurations(DesiredState desired, ProvisionPlan plan) {
        // each check is a short-lived container of its own: run side by side (a primary and its replicas)
        List<CompletableFuture<Void>> checks = new ArrayList<>();
        for (DesiredComponent d : desired.components()) {
            PlanAction.Kind k = kindFor(plan, d.name());
            boolean changes = k == PlanAction.Kind.CREATE_CONTAINER || k == PlanAction.Kind.RECREATE_CONTAINER
                    || k == PlanAction.Kind.UPDATE_CONTAINER;
            if (d.live() != null && changes && engine.hasImage(d.spec().image())) {
                checks.add(CompletableFuture.runAsync(() -> d.live().check(engine, engine.findContainer(d.name()))));
            }
        }
        for (CompletableFuture<Void> c : checks) {
            try {
                c.join();
            } catch (CompletionException e) {
                // the first refusal in component order, as before
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
    }

    /** An in-place update says what it will do: which changes a reload takes, which need a restart. */
    private ProvisionPlan describeUpdates(DesiredState desired, ProvisionPlan plan) {
        List<PlanAction> out = new ArrayList<>();
        for (PlanAction a : plan.actions()) {
            DesiredComponent d = a.kind() == PlanAction.Kind.UPDATE_CONTAINER ? desired.component(a.resource()) : null;
            ContainerInfo c = d == null ? null : engine.findContainer(d.name()).orElse(null);
            if (c == null) {
                out.add(a);
                continue;
            }
            List<String> parts = new ArrayList<>();
            if (d.live() != null) {
                String change = d.live().compare(engine, c).describe();
                if (!change.isEmpty()) {
                    parts.add(change);
                }
            }
            if (d.spec().resources() != null) {
                double now = engine.cpus(c.id());
                if (Math.round(now * 1e9) != d.spec().resources().nanoCpus()) {
                    parts.add("CPUs " + cpus(now) + " -> " + cpus(d.spec().resources().cpus()) + " in place");
                }
            }
            out.add(new PlanAction(a.kind(), a.resource(), a.serviceId(), (parts.isEmpty() ? "configuration file rewritten" : String.join("; ", parts))
                    + "; container kept" + (c.running() ? "" : ", then started")));
        }
        return new ProvisionPlan(out);
    }

    private static String cpus(double n) {
        return n == 0 ? "unlimited" : n == Math.rint(n) ? String.valueOf((long) n) : String.valueOf(n);
    }

    public ProvisionPlan apply(Profile profile, Secrets secrets, ProgressListener listener) {
        return apply(desiredState(profile, secrets), listener);
    }

    /** Converges to a desired state however it was made (the profile's, or one with components a test adds). */
    public ProvisionPlan apply(DesiredState desired, ProgressListener listener) {
        ProvisionPlan plan = plan(desired);
        execute(desired, plan, listener);
        return plan;
    }

    private static boolean creates(ProvisionPlan plan, String name) {
        return plan.actions().stream().anyMatch(a -> a.resource().equals(name)
                && (a.kind() == PlanAction.Kind.CREATE_CONTAINER || a.kind() == PlanAction.Kind.RECREATE_CONTAINER));
    }

    /**
     * Before a component is (re)created on an existing PostgreSQL data directory: the database and user
     * names must be the ones it was initialised with, and the image's major version the data's. Images not
     * present yet are checked after their pull, before any container is touched.
     */
    private void checkDataDirectories(DesiredState desired, ProvisionPlan plan) {
        for (DesiredComponent d : desired.components()) {
            PostgresDataDirectory data = d.dataDirectory();
            if (data == null || !creates(plan, d.name())) {
                continue;
            }
            Optional<VolumeInfo> volume = engine.findVolume(data.volume());
            if (volume.isEmpty()) {
                continue;
            }
            Optional<ContainerInfo> existing = engine.findContainer(d.name());
            checkIdentity(data, volume.get(), existing);
            String image = d.spec().image();
            if (!engine.hasImage(image)) {
                continue;
            }
            Optional<byte[]> version = existing.isPresent()
                    ? engine.readFile(existing.get().id(), data.path() + "/" + PostgresDataDirectory.VERSION_FILE)
                    : engine.readFileFromVolume(image, data.volume(), data.path(), PostgresDataDirectory.VERSION_FILE,
                    Labels.of(d.serviceId(), Labels.ROLE_HELPER));
            String dataMajor = version.map(b -> new String(b, StandardCharsets.UTF_8).strip()).orElse(null);
            if (dataMajor == null) {
                continue; // an empty volume: the image initialises it
            }
            String imageMajor = imageMajor(image, d.serviceId());
            if (!dataMajor.equals(imageMajor)) {
                throw new ApplyException(d.name() + ": image " + image + " runs PostgreSQL " + imageMajor
                        + " but the data on volume " + data.volume() + " was created by PostgreSQL " + dataMajor
                        + "; a data directory only opens with its own major version, so nothing was changed. Keep an image of major "
                        + dataMajor + ", or back up (pg_dump), move to a new volume and restore");
            }
        }
    }

    /** PG_MAJOR where the image declares it, else what its own {@code postgres --version} says. */
    private String imageMajor(String image, String serviceId) {
        String declared = engine.imageEnv(image).get(PostgresDataDirectory.IMAGE_MAJOR_ENV);
        if (declared != null && !declared.isBlank()) {
            return declared.strip();
        }
        String out = engine.runOnce(image, List.of("postgres", "--version"), Labels.of(serviceId, Labels.ROLE_HELPER));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(PostgreSQL\\) (\\d+)").matcher(out);
        if (!m.find()) {
            throw new ApplyException("cannot tell which PostgreSQL major version image " + image + " runs (it declares no "
                    + PostgresDataDirectory.IMAGE_MAJOR_ENV + " and 'postgres --version' printed '" + out.strip()
                    + "'); nothing was changed");
        }
        return m.group(1);
    }

    /**
     * The image reads POSTGRES_DB and POSTGRES_USER only on first init: a changed name on an existing volume
     * would point the indexers at a database or role that does not exist. Known from the container that
     * ran on the volume, or from the labels of a volume we created.
     */
    private void checkIdentity(PostgresDataDirectory data, VolumeInfo volume, Optional<ContainerInfo> existing) {
        String database;
        String user;
        if (existing.isPresent()) {
            Map<String, String> env = engine.containerEnv(existing.get().id());
            database = env.get("POSTGRES_DB");
            user = env.get("POSTGRES_USER");
        } else {
            database = volume.labels().get(PostgresDataDirectory.DATABASE_LABEL);
            user = volume.labels().get(PostgresDataDirectory.USER_LABEL);
        }
        String userField = data.nameField().replaceFirst("\\.name$", ".user");
        for (String[] c : new String[][]{{data.nameField(), "database name", database, data.database()},
                {userField, "user", user, data.user()}}) {
            if (c[2] != null && !c[2].equals(c[3])) {
                throw new InvalidInputException("profile.json", c[0], "cannot change from '" + c[2] + "' to '" + c[3]
                        + "' on the existing volume " + data.volume() + ": the image creates the " + c[1]
                        + " only when it initialises an empty volume, so nothing was changed. To rename it: back up, set a new volume "
                        + "name in profile.json, apply, and restore the backup into it");
            }
        }
    }

    /**
     * A port we are about to publish must be free on the host, unless one of our own containers holds
     * it now (a re-apply, or a recreate that gives the port back first).
     */
    private void checkPortsFree(DesiredState desired, ProvisionPlan plan) {
        Set<Integer> ours = engine.containersWithLabel(Labels.SERVICE).stream()
                .map(ContainerInfo::hostPort).filter(p -> p != null).collect(Collectors.toSet());
        for (DesiredComponent d : desired.components()) {
            boolean publishes = plan.forService(d.serviceId()).stream().anyMatch(a -> a.resource().equals(d.name())
                    && (a.kind() == PlanAction.Kind.CREATE_CONTAINER || a.kind() == PlanAction.Kind.RECREATE_CONTAINER
                    || a.kind() == PlanAction.Kind.START_CONTAINER));
            for (PublishedPort p : d.spec().ports()) {
                // on a remote engine's host nothing here can try the port: the engine's own refusal is the answer
                if (publishes && ports.hostPortsHere() && !ours.contains(p.hostPort()) && !HostPortCheck.isFree(p.hostAddress(), p.hostPort())) {
                    throw new InvalidInputException("profile.json", d.portFieldOrDefault(), "port " + p.hostPort() + " on "
                            + p.hostAddress() + " is already in use on this machine; choose a free port");
                }
            }
        }
    }

    private void execute(DesiredState desired, ProvisionPlan plan, ProgressListener listener) {
        // Pulls first, one at a time (they share layers and bandwidth) ...
        plan.actions().stream().filter(a -> a.kind() == PlanAction.Kind.PULL_IMAGE).forEach(a -> pull(a.resource(), desired, listener));
        // ... then the network and the volumes, which do not depend on each other, concurrently ...
        List<CompletableFuture<Void>> shared = new ArrayList<>();
        for (PlanAction a : plan.actions()) {
            if (a.kind() == PlanAction.Kind.CREATE_NETWORK) {
                shared.add(CompletableFuture.runAsync(() -> {
                    listener.on(ProgressEvent.of(a.resource(), Phase.CREATING, "creating network"));
                    engine.createNetwork(a.resource(), Labels.of(Labels.SHARED, Labels.ROLE_NETWORK));
                    listener.on(ProgressEvent.of(a.resource(), Phase.DONE, "done"));
                }));
            } else if (a.kind() == PlanAction.Kind.CREATE_VOLUME) {
                String role = desired.volumes().stream().filter(v -> v.name().equals(a.resource())).findFirst().orElseThrow().role();
                Map<String, String> labels = new HashMap<>(Labels.of(a.serviceId(), role));
                desired.components().stream().map(DesiredComponent::dataDirectory)
                        .filter(d -> d != null && d.volume().equals(a.resource())).findFirst().ifPresent(d -> {
                            labels.put(PostgresDataDirectory.DATABASE_LABEL, d.database());
                            labels.put(PostgresDataDirectory.USER_LABEL, d.user());
                        });
                shared.add(CompletableFuture.runAsync(() -> {
                    listener.on(ProgressEvent.of(a.resource(), Phase.CREATING, "creating volume"));
                    engine.createVolume(a.resource(), labels);
                    listener.on(ProgressEvent.of(a.resource(), Phase.DONE, "done"));
                }));
            }
        }
        try {
            CompletableFuture.allOf(shared.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        // ... containers of disabled services go (volumes stay) ...
        for (PlanAction a : plan.actions()) {
            if (a.kind() == PlanAction.Kind.REMOVE_CONTAINER) {
                listener.on(ProgressEvent.of(a.resource(), Phase.REMOVING, "removing container (" + a.reason().replace(";", ",") + ")"));
                engine.findContainer(a.resource()).ifPresent(c -> engine.removeContainer(c.id()));
                listener.on(ProgressEvent.of(a.resource(), Phase.DONE, "done"));
            }
        }
        for (PlanAction a : plan.actions()) {
            if (a.kind() == PlanAction.Kind.REMOVE_VOLUME) {
                listener.on(ProgressEvent.of(a.resource(), Phase.REMOVING, "removing volume (" + a.reason() + ")"));
                engine.removeVolume(a.resource());
                listener.on(ProgressEvent.of(a.resource(), Phase.DONE, "done"));
            }
        }
        if (plan.actions().stream().anyMatch(a -> a.kind() == PlanAction.Kind.PULL_IMAGE)) {
            checkDataDirectories(desired, plan);
            checkLiveConfigurations(desired, plan);
        }
        convergeComponents(desired, plan, listener);
    }

    /** Each component starts once the components it depends on are ready; independent ones run in parallel. */
    private void convergeComponents(DesiredState desired, ProvisionPlan plan, ProgressListener listener) {
        Map<String, PlanAction> actions = new HashMap<>();
        plan.actions().forEach(a -> actions.put(a.resource(), a));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, desired.components().size()), r -> {
            Thread t = new Thread(r, "kaspa-aio-apply");
            t.setDaemon(true);
            return t;
        });
        Map<String, CompletableFuture<Void>> futures = new LinkedHashMap<>();
        try {
            for (DesiredComponent c : desired.components()) {
                CompletableFuture<?>[] deps = c.dependsOn().stream().map(futures::get).toArray(CompletableFuture[]::new);
                futures.put(c.name(), CompletableFuture.allOf(deps)
                        .thenRunAsync(() -> converge(c, actions.get(c.name()), listener), pool));
            }
            try {
                CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).get();
            } catch (ExecutionException ignored) {
                // each failure is reported below, the first in dependency order
            }
            for (CompletableFuture<Void> f : futures.values()) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : e.getCause();
                    throw cause instanceof ApplyException ae ? ae : new ApplyException(String.valueOf(cause.getMessage()), List.of(), cause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApplyException("apply interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    private void pull(String image, DesiredState desired, ProgressListener listener) {
        listener.on(ProgressEvent.of(image, Phase.PULLING, "pulling image"));
        try {
            engine.pull(image, (img, current, total, status) -> listener.on(new ProgressEvent(img, Phase.PULLING,
                    total > 0 ? (double) current / total : -1,
                    String.format("pulling %d/%d MB", current >> 20, total >> 20))));
            listener.on(ProgressEvent.of(image, Phase.DONE, "done"));
        } catch (EngineException e) {
            String fields = desired.components().stream().filter(c -> c.spec().image().equals(image))
                    .map(DesiredComponent::imageFieldOrDefault).distinct().collect(Collectors.joining(" or "));
            throw new ApplyException(e.getMessage() + " (set " + fields + " in profile.json to an image this engine can pull or already has)",
                    List.of(), e);
        }
    }

    private void converge(DesiredComponent d, PlanAction action, ProgressListener listener) {
        String id = convergeContainer(d, action, listener);
        if (d.upkeep() != null) {
            d.upkeep().run(engine, id, listener);
        }
    }

    /** Brings one container to its desired state and readiness; returns the id of the container that runs under its name. */
    private String convergeContainer(DesiredComponent d, PlanAction action, ProgressListener listener) {
        String name = d.name();
        long t0 = System.nanoTime();
        String id;
        switch (action.kind()) {
            case RECREATE_CONTAINER -> {
                return recreate(d, action, t0, listener);
            }
            case UPDATE_CONTAINER -> {
                return update(d, action, t0, listener);
            }
            case CREATE_CONTAINER -> {
                String created = createAndStart(d, listener);
                try {
                    awaitReady(d, created, t0, listener);
                } catch (RuntimeException failed) {
                    // nothing of a failed first start may block the retry: Podman keeps the port of a container
                    // that failed to start reserved while the container exists (its last log lines are in the error)
                    engine.removeContainer(created);
                    throw failed;
                }
                return created;
            }
            case START_CONTAINER -> {
                ContainerInfo c = engine.findContainer(name).orElseThrow(() -> new ApplyException(name + " disappeared during apply"));
                id = c.id();
                if (!c.everStarted()) {
                    // Created by an apply that was interrupted before the start: its files may be missing.
                    engine.copyFiles(id, d.spec().files());
                }
                listener.on(ProgressEvent.of(name, Phase.STARTING, "starting container"));
                engine.start(id);
            }
            default -> id = engine.findContainer(name).map(ContainerInfo::id)
                    .orElseThrow(() -> new ApplyException(name + " disappeared during apply"));
        }
        awaitReady(d, id, t0, listener);
        return id;
    }

    /**
     * The least disruptive way to a changed configuration: the live files are replaced in the container, the
     * CPU quota is changed in place, and the program reloads; it restarts (same container, same volume) only
     * for what a reload cannot take. An engine that cannot change the quota in place gets a recreate.
     */
    private String update(DesiredComponent d, PlanAction action, long t0, ProgressListener listener) {
        String name = d.name();
        ContainerInfo c = engine.findContainer(name).orElseThrow(() -> new ApplyException(name + " disappeared during apply"));
        LiveReconfiguration.Change change = d.live() == null ? new LiveReconfiguration.Change(List.of(), List.of())
                : d.live().compare(engine, c);
        if (d.spec().resources() != null && Math.round(engine.cpus(c.id()) * 1e9) != d.spec().resources().nanoCpus()) {
            listener.on(ProgressEvent.of(name, Phase.WORKING, "changing the CPU quota in place"));
            if (!engine.updateCpus(c.id(), d.spec().resources().cpus())) {
                return recreate(d, new PlanAction(PlanAction.Kind.RECREATE_CONTAINER, name, d.serviceId(),
                        "this engine cannot change CPUs in place"), t0, listener);
            }
        }
        listener.on(ProgressEvent.of(name, Phase.WORKING, "replacing its configuration files"));
        engine.copyFiles(c.id(), d.spec().files().stream().filter(org.kaspa.aio.engine.ContainerFile::live).toList());
        if (!c.running()) {
            listener.on(ProgressEvent.of(name, Phase.STARTING, "starting container"));
            engine.start(c.id());
        } else if (!change.restart().isEmpty()) {
            listener.on(ProgressEvent.of(name, Phase.STARTING, "restarting for " + String.join(", ", change.restart())));
            engine.stop(c.id(), 60);
            engine.start(c.id());
        } else if (d.live() != null) {
            // reloaded even when no named setting changed: a rewritten file it includes (a secret one) may have
            listener.on(ProgressEvent.of(name, Phase.WORKING, "reloading " + (change.reloaded().isEmpty() ? "its configuration"
                    : String.join(", ", change.reloaded())) + " without a restart"));
            d.live().reload(engine, c.id());
        }
        awaitReady(d, c.id(), t0, listener);
        return c.id();
    }

    private String createAndStart(DesiredComponent d, ProgressListener listener) {
        String name = d.name();
        if (d.seeding() != null) {
            d.seeding().seed(engine, listener);
        }
        listener.on(ProgressEvent.of(name, Phase.CREATING, "creating container"));
        String id = engine.createContainer(d.spec());
        engine.copyFiles(id, d.spec().files());
        listener.on(ProgressEvent.of(name, Phase.CREATED, "container created"));
        listener.on(ProgressEvent.of(name, Phase.STARTING, "starting container"));
        engine.start(id);
        return id;
    }

    /**
     * Never two servers on one volume, and never a database gone because its replacement failed: the old
     * container stops (cleanly) and steps aside under {@link DesiredState#previousName}; it is removed only
     * once the new one is ready. If the new one fails, it goes, and the old one gets its name back and is
     * started again, so a failed port or image change leaves the database as it was.
     */
    private String recreate(DesiredComponent d, PlanAction action, long t0, ProgressListener listener) {
        String name = d.name();
        String previous = DesiredState.previousName(name);
        listener.on(ProgressEvent.of(name, Phase.REMOVING, "recreating container (" + action.reason() + ")"));
        ContainerInfo old = engine.findContainer(name).orElse(null);
        if (old != null) {
            engine.stop(old.id(), 60);
            engine.rename(old.id(), previous);
        }
        String id = null;
        try {
            id = createAndStart(d, listener);
            awaitReady(d, id, t0, listener);
        } catch (RuntimeException failed) {
            if (old == null) {
                throw failed;
            }
            listener.on(ProgressEvent.of(name, Phase.WORKING, "the new container failed; starting the previous one again"));
            try {
                if (id != null) {
                    engine.removeContainer(id);
                } else {
                    engine.findContainer(name).ifPresent(c -> engine.removeContainer(c.id()));
                }
                engine.rename(old.id(), name);
                engine.start(old.id());
            } catch (RuntimeException restoreFailed) {
                failed.addSuppressed(restoreFailed);
                throw new ApplyException(failed.getMessage() + "; starting the previous container again failed too ("
                        + restoreFailed.getMessage() + "): it is kept as " + previous, detailsOf(failed), failed);
            }
            throw new ApplyException(failed.getMessage() + "; the previous container was started again unchanged",
                    detailsOf(failed), failed);
        }
        if (old != null) {
            engine.removeContainer(old.id());
        }
        return id;
    }

    private static List<String> detailsOf(RuntimeException e) {
        return e instanceof org.kaspa.aio.errors.UserFacingException u ? u.details() : List.of();
    }

    /** Polls the component's readiness check, failing fast when its container stops or the time is up. */
    private void awaitReady(DesiredComponent d, String containerId, long t0, ProgressListener listener) {
        String name = d.name();
        listener.on(ProgressEvent.of(name, Phase.WAITING, "waiting until it " + d.readiness().describe()));
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        long nextStateCheck = 0;
        while (true) {
            Readiness r = d.readiness().probe();
            if (r == Readiness.ACCEPTING) {
                long ms = (System.nanoTime() - t0) / 1_000_000L;
                listener.on(ProgressEvent.of(name, Phase.READY, d.readiness().readyWords() + " (" + ms + " ms)"));
                return;
            }
            long now = System.nanoTime();
            if (now >= nextStateCheck) {
                ContainerInfo c = engine.findContainer(name).orElse(null);
                if (c == null || (!c.running() && !"created".equals(c.state()))) {
                    throw new ApplyException(name + " stopped before it was ready (state: "
                            + (c == null ? "gone" : c.state()) + "); last log lines follow", engine.logTail(containerId, 20), null);
                }
                nextStateCheck = now + 1_000_000_000L;
            }
            if (now >= deadline) {
                throw new ApplyException(name + " was not ready within " + readyTimeout.toSeconds() + " s (waited until it "
                        + d.readiness().describe() + "; last answer: " + r.text() + "); last log lines follow",
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
}
