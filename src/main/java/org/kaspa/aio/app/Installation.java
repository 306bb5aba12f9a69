package org.kaspa.aio.app;

import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.EngineCandidate;
import org.kaspa.aio.engine.EngineDiscovery;
import org.kaspa.aio.profile.EngineChoice;
import org.kaspa.aio.engine.EngineInfo;
import org.kaspa.aio.errors.UserFacingException;
import org.kaspa.aio.health.ContainerStateSource;
import org.kaspa.aio.health.DatabaseHealth;
import org.kaspa.aio.health.DatabaseTarget;
import org.kaspa.aio.health.PortAccess;
import org.kaspa.aio.health.RemotePortAccess;
import org.kaspa.aio.health.HealthMonitor;
import org.kaspa.aio.health.LoginCheck;
import org.kaspa.aio.health.LoginProofs;
import org.kaspa.aio.health.DatabaseStatus;
import org.kaspa.aio.health.StatusCollector;
import org.kaspa.aio.health.StatusReport;
import org.kaspa.aio.ops.ComposeExport;
import org.kaspa.aio.ops.ComposeFile;
import org.kaspa.aio.ops.ConnectionString;
import org.kaspa.aio.ops.DatabaseBackup;
import org.kaspa.aio.ops.DumpFormat;
import org.kaspa.aio.ops.PasswordRotation;
import org.kaspa.aio.ops.Uninstaller;
import org.kaspa.aio.plan.ProvisionPlan;
import org.kaspa.aio.profile.BackupsProfile;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.HomeLock;
import org.kaspa.aio.profile.InvalidInputException;
import org.kaspa.aio.profile.KaspaAioHome;
import org.kaspa.aio.profile.PasswordGenerator;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.ProfileStore;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.profile.SecretsStore;
import org.kaspa.aio.progress.ProgressEvent;
import org.kaspa.aio.progress.Cancellation;
import org.kaspa.aio.progress.ProgressListener;
import org.kaspa.aio.provision.DatabaseComponents;
import org.kaspa.aio.provision.Provisioner;
import org.kaspa.aio.provision.ResourceSplit;
import org.kaspa.aio.profile.ServiceProfile;
import org.kaspa.aio.profile.PoolerProfile;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The application layer: one installation of the stack, opened on a home directory. It owns the
 * catalog, the profile and secrets stores and one engine client (opened on first use, closed once), and
 * offers every use case once. The CLI verbs and the wizard's ViewModels call only this; neither touches
 * the engine or the provisioner.
 */
public final class Installation implements AutoCloseable {
    /** How long apply waits for each component to be ready unless told otherwise. */
    public static final Duration DEFAULT_READY_TIMEOUT = Provisioner.DEFAULT_READY_TIMEOUT;
    private final KaspaAioHome home;
    private final EngineDiscovery.Environment discovery;
    private String explicitEngine;
    private boolean insecureEngineAccepted;
    private ServiceCatalog catalog;
    private final Object catalogLock = new Object();
    private DockerEngine engine;
    /** The candidate {@link #engine} was connected to: chosen once, not again per check. */
    private EngineCandidate connectedTo;
    private PortAccess ports;
    private ProgressListener observer = ProgressListener.SILENT;
    private Consumer<String> notices = line -> { };
    /** How long a changing use case waits for another one on the same home before it gives up. */
    private static final Duration LOCK_PATIENCE = Duration.ofMinutes(15);
    private boolean closed;

    private Installation(KaspaAioHome home, EngineDiscovery.Environment discovery, String explicitEngine) {
        this.home = home;
        this.discovery = discovery;
        this.explicitEngine = explicitEngine;
    }

    /** The engine chosen as {@link EngineSelection} says: DOCKER_HOST, the remembered one, a context, a known socket. */
    public static Installation open(KaspaAioHome home) {
        return new Installation(home, EngineDiscovery.Environment.current(), null);
    }

    /** Discovery on a given environment (another user's docker config, other sockets): what tests give it. */
    public static Installation open(KaspaAioHome home, EngineDiscovery.Environment discovery) {
        return new Installation(home, discovery, null);
    }

    /** An explicit engine address such as {@code unix:///run/docker.sock}. */
    public static Installation open(KaspaAioHome home, String dockerHost) {
        return new Installation(home, EngineDiscovery.Environment.current(), dockerHost);
    }

    /** Talk to this engine from now on ({@code --engine}, or a choice in the wizard); remembered only by {@link #rememberEngine}. */
    public synchronized Installation useEngine(String host) {
        if (!host.equals(explicitEngine)) {
            closeEngine();
            explicitEngine = host;
        }
        return this;
    }

    /** What installing an engine would do on this machine (the Welcome step, {@code engines}): offered on Debian and Ubuntu, else guidance. */
    public EngineInstall.Offer engineInstallOffer() {
        return EngineInstall.forThisMachine();
    }

    /**
     * Installs and starts the distribution's engine, which the person agreed to (root through {@code privilege});
     * its output line by line. Then the engine is looked for afresh, so the wizard and the CLI go on without a restart.
     * Returns the installation's exit code.
     */
    public int installEngine(EngineInstall.Privilege privilege, Consumer<String> lines) throws IOException {
        var offer = engineInstallOffer();
        int code = EngineInstall.run(offer, privilege, System.getProperty("user.name", ""), lines);
        synchronized (this) {
            closeEngine();
        }
        return code;
    }

    /** The person accepted a plaintext {@code tcp://} engine ({@code --insecure-engine}). */
    public synchronized Installation acceptInsecureEngine() {
        insecureEngineAccepted = true;
        return this;
    }

    public synchronized boolean insecureEngineAccepted() {
        return insecureEngineAccepted;
    }

    /**
     * Also sends every progress event of this installation's long work to {@code observer} (before the
     * front end's own listener), e.g. to log it or, in the kill -9 tests, to hold the work at one point.
     */
    public Installation observedBy(ProgressListener observer) {
        this.observer = observer;
        return this;
    }

    /** Where lines for the person go that are not results (waiting for another kaspa-aio, a kept password). */
    public Installation noticesTo(Consumer<String> notices) {
        this.notices = notices;
        return this;
    }

    /** Held by every use case that changes the engine, the profile or the secrets (one writer at a time). */
    private HomeLock lock() {
        return HomeLock.acquire(home.dir(), LOCK_PATIENCE, notices);
    }

    public KaspaAioHome home() {
        return home;
    }

    /**
     * Loaded on first use: --version and --help need no JSON parsing at start-up. Under a lock of its own, not the
     * installation's, which {@link #connectAhead} holds while it connects.
     */
    public ServiceCatalog catalog() {
        synchronized (catalogLock) {
            if (catalog == null) {
                catalog = ServiceCatalog.preloaded();
            }
            return catalog;
        }
    }

    /**
     * When --engine or DOCKER_HOST names the engine, connects to it on a thread of its own, with the first request
     * to it (the version the plan asks for anyway), while the caller reads the profile and secrets: a cold CLI start
     * spends ~20 ms in each of setting up the HTTP client and its first exchange. The caller's {@link #engine()}
     * then finds the connection made, or waits for it; a failure here is left for that call to meet again and
     * report. An engine remembered in the profile is connected to after the profile is read, as before (reading it
     * here too only made the two threads wait for each other).
     */
    private void connectAhead() {
        String explicit;
        synchronized (this) {
            if (engine != null || closed) {
                return;
            }
            explicit = explicitEngine;
        }
        Thread ahead = new Thread(() -> {
            try {
                if (EngineSelection.decidedWithoutProfile(explicit, EngineDiscovery.candidates(discovery))) {
                    engine().info();
                }
            } catch (RuntimeException leftToTheCaller) {
                // engine() in the use case meets it again and reports it
            }
        }, "kaspa-aio-engine-ahead");
        ahead.setDaemon(true);
        ahead.start();
    }

    private synchronized DockerEngine engine() {
        if (closed) {
            throw new IllegalStateException("installation closed");
        }
        if (engine == null) {
            List<EngineCandidate> candidates = EngineDiscovery.candidates(discovery);
            // the profile is read for its engine only where that engine decides (or an insecure one was accepted there)
            EngineChoice remembered = EngineSelection.decidedWithoutProfile(explicitEngine, candidates) ? null : rememberedEngine();
            EngineCandidate chosen = EngineSelection.choose(explicitEngine, remembered, candidates);
            if (remembered == null && chosen.plaintextTcp() && !insecureEngineAccepted) {
                remembered = rememberedEngine();
            }
            EngineSelection.check(chosen, insecureEngineAccepted
                    || (remembered != null && remembered.insecure() && remembered.host().equals(chosen.host())));
            engine = DockerEngine.connect(chosen);
            connectedTo = chosen;
        }
        return engine;
    }

    /** The engine profile.json remembers, if it can be read (a missing or broken profile remembers none). */
    private EngineChoice rememberedEngine() {
        try {
            return exists() ? new ProfileStore(catalog()).read(home.profileFile()).engine() : null;
        } catch (UserFacingException unreadable) {
            return null;
        }
    }

    /** {@code engines}: every candidate, asked whether it answers; the one in use is marked. */
    public List<EngineReport> engines() {
        List<EngineCandidate> candidates = new ArrayList<>(EngineDiscovery.candidates(discovery));
        EngineCandidate selected = EngineSelection.choose(explicitEngine, rememberedEngine(), candidates);
        if (candidates.stream().noneMatch(c -> c.host().equals(selected.host()))) {
            candidates.add(0, selected);
        }
        List<java.util.concurrent.CompletableFuture<EngineReport>> asked = new ArrayList<>();
        for (EngineCandidate c : candidates) {
            asked.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> ask(c, c.host().equals(selected.host()))));
        }
        return asked.stream().map(java.util.concurrent.CompletableFuture::join).toList();
    }

    private static EngineReport ask(EngineCandidate c, boolean selected) {
        if (c.overSsh()) {
            return new EngineReport(c.name(), c.host(), c.source(), false, null, "ssh engines are not supported (forward the socket)", selected);
        }
        try (DockerEngine e = DockerEngine.connect(c)) {
            EngineInfo info = e.info();
            return new EngineReport(c.name(), c.host(), c.source(), c.tlsDir() != null, info.version() + " (API " + info.apiVersion() + ")",
                    null, selected);
        } catch (IOException | RuntimeException e) {
            return new EngineReport(c.name(), c.host(), c.source(), c.tlsDir() != null, null,
                    String.valueOf(e.getMessage()).lines().findFirst().orElse(""), selected);
        }
    }

    /** Remembers an engine in profile.json ({@code engines --use}; the wizard's choice at Install). */
    public void rememberEngine(String host, boolean insecure) throws IOException {
        try (HomeLock lock = lock()) {
            Profile profile = loadForChange().profile().withEngine(new EngineChoice(host, insecure));
            new ProfileStore(catalog()).write(home.profileFile(), profile);
        }
        useEngine(host);
    }

    private Provisioner provisioner() {
        return new Provisioner(engine(), catalog()).withPortAccess(ports());
    }

    /**
     * How this machine reaches what the engine publishes: here, for an engine on this machine; on the
     * engine's host, or through the engine when they are bound to its loopback (see RemotePortAccess).
     */
    private synchronized PortAccess ports() {
        DockerEngine e = engine();
        if (ports == null) {
            String remote = EngineSelection.remoteHost(connectedTo);
            ports = remote == null ? PortAccess.LOCAL : new RemotePortAccess(remote, e);
        }
        return ports;
    }

    // ---- settings ----

    /** Whether a profile exists (reconfigure) or not (fresh install). */
    public boolean exists() {
        return Files.exists(home.profileFile());
    }

    /**
     * profile.json and secrets.json, read only: a password missing for a database is generated in memory,
     * never written (status, plan and connection never write secrets.json).
     */
    public Settings load() throws IOException {
        Profile profile = new ProfileStore(catalog()).read(home.profileFile());
        Secrets stored = new SecretsStore().read(home.secretsFile());
        return new Settings(profile, SecretsStore.completeFor(profile, stored, new PasswordGenerator()));
    }

    /**
     * For a use case that changes things, under the lock: generated passwords are stored before any
     * container could be initialised with them, and a rotation that did not finish is reconciled.
     */
    private Settings loadForChange() throws IOException {
        Path migratedFrom = new ProfileStore(catalog()).migrate(home.profileFile());
        if (migratedFrom != null) {
            notices.accept("profile.json is now schema version " + Profile.SCHEMA_VERSION + "; the previous file is kept as " + migratedFrom);
        }
        Profile profile = new ProfileStore(catalog()).read(home.profileFile());
        SecretsStore store = new SecretsStore();
        Secrets stored = store.read(home.secretsFile());
        Secrets complete = SecretsStore.completeFor(profile, stored, new PasswordGenerator());
        if (!complete.pendingMap().isEmpty()) {
            PortAccess access;
            try {
                access = ports();
            } catch (UserFacingException noEngine) {
                access = null; // no database to ask: kept pending, as when it does not answer
            }
            if (access != null) {
                complete = PasswordRotation.reconcile(profile, complete, access);
            }
            if (!complete.pendingMap().isEmpty()) {
                notices.accept("an unfinished password change of " + String.join(", ", complete.pendingMap().keySet())
                        + " is kept pending until its database answers again");
            }
        }
        if (!complete.equals(stored)) {
            store.write(home.secretsFile(), complete);
        }
        return new Settings(profile, complete);
    }

    /** The stored settings, or the design's defaults with fresh passwords (nothing written) on a fresh install. */
    public Settings loadOrDefaults() throws IOException {
        if (exists()) {
            return load();
        }
        // A secrets.json without a profile (deleted, or an interrupted first install) still holds the passwords
        // any existing volumes were created with: keep them rather than generate new ones.
        Profile profile = Profile.defaults(catalog());
        return new Settings(profile, SecretsStore.completeFor(profile, new SecretsStore().read(home.secretsFile()), new PasswordGenerator()));
    }

    /** What {@code init} did: null when it refused (a profile exists and no --force). */
    public record InitResult(List<String> keptPasswords, int generatedPasswords) {
    }

    /**
     * {@code init}: a default profile and fresh secrets, except that a stored password is kept for every
     * database whose volume exists (the data only opens with it; a new password for an existing volume is
     * a rotation, never an init). When the engine does not answer, every stored password is kept.
     */
    public InitResult init(boolean force) throws IOException {
        try (HomeLock lock = lock()) {
            if (exists() && !force) {
                return null;
            }
            Profile profile = Profile.defaults(catalog());
            Secrets old = new SecretsStore().read(home.secretsFile());
            Map<String, String> kept = new java.util.LinkedHashMap<>();
            List<String> keptNames = new ArrayList<>();
            for (var e : profile.enabledDatabases().entrySet()) {
                String volume = e.getValue().volume();
                Boolean volumeExists = volumeExists(volume);
                if (old.password(e.getKey()).isPresent() && (volumeExists == null || volumeExists)) {
                    kept.put(e.getKey(), old.password(e.getKey()).get());
                    keptNames.add(volume);
                } else if (Boolean.TRUE.equals(volumeExists)) {
                    notices.accept("volume " + volume + " holds a database whose password is not in secrets.json; after apply, "
                            + "'kaspa-aio rotate-password " + e.getKey() + " --reset' makes the new password the database's");
                }
            }
            Secrets secrets = SecretsStore.completeFor(profile, new Secrets(kept), new PasswordGenerator());
            new ProfileStore(catalog()).write(home.profileFile(), profile);
            new SecretsStore().write(home.secretsFile(), secrets);
            return new InitResult(keptNames, secrets.asMap().size() - kept.size());
        }
    }

    /** Whether one of our volumes by that name exists; null when the engine cannot be asked. */
    private Boolean volumeExists(String volume) {
        try {
            return engine().findVolume(volume).isPresent();
        } catch (UserFacingException engineDown) {
            return null;
        }
    }

    /** The database of a service, or a one-line error naming the services that have one. */
    public static DatabaseProfile database(Profile profile, String service) {
        var s = profile.services().get(service);
        if (s == null || s.database() == null) {
            throw new InvalidInputException("arguments", "service", "'" + service + "' is not a service with a database (choose one of "
                    + String.join(", ", profile.services().entrySet().stream().filter(e -> e.getValue().database() != null)
                    .map(Map.Entry::getKey).toList()) + ")");
        }
        return s.database();
    }

    // ---- engine ----

    /** Pings the engine and lists the host ports containers publish; throws a one-line error when none answers. */
    public EngineSummary checkEngine() {
        EngineInfo info = engine().info();
        return new EngineSummary(info.host(), info.version(), info.apiVersion(), info.os(), info.arch(), engine().publishedHostPorts(),
                ports().hostPortsHere());
    }

    // ---- convergence ----

    /** The plan for a profile, with unsized databases given the share apply would give them. */
    public ProvisionPlan plan(Profile profile, Secrets secrets) {
        return provisioner().plan(sized(profile), secrets);
    }

    /** A pooler's live figures from its admin console (Status view). */
    /** Every container name the profile's components may have (what holds a port of ours). */
    public List<String> containerNames(Profile profile) {
        return org.kaspa.aio.provision.DesiredState.containerNames(profile);
    }

    /** What Prometheus says now: ready or not, firing alerts, targets (the Status view's monitoring line). */
    public org.kaspa.aio.health.MonitoringStatus monitoring(Profile profile) {
        return new StatusCollector(engine(), catalog(), ports()).monitoring(profile);
    }

    /**
     * The figures of the Status view's charts: Prometheus's history when monitoring is on, else samples of the
     * databases' statistics views kept for six hours at the view's 10 s refresh.
     */
    public ActivityFeed activityFeed(Profile profile) {
        org.kaspa.aio.activity.ActivitySource prometheus = !profile.monitored() || profile.enabledDatabases().isEmpty() ? null
                : new org.kaspa.aio.activity.PrometheusActivity(new org.kaspa.aio.health.PrometheusApi(StatusCollector.prometheusEndpoint(profile, ports())));
        return new ActivityFeed(profile, prometheus, new org.kaspa.aio.activity.StatisticsActivity(engine(), 2160));
    }

    /**
     * Where a browser on this machine opens Prometheus and, when it runs, Grafana; empty when monitoring is off
     * or their ports are bound on a remote engine's loopback, out of this machine's reach.
     */
    public Map<String, String> monitoringPages(Profile profile) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (!profile.monitored() || profile.enabledDatabases().isEmpty()) {
            return out;
        }
        var prometheus = StatusCollector.prometheusEndpoint(profile, ports());
        if (prometheus.throughEngine()) {
            return out;
        }
        String host = org.kaspa.aio.profile.HostAddress.forUrl(prometheus.publishedHost());
        if (profile.monitoring().grafanaRuns()) {
            out.put("Grafana", "http://" + host + ":" + profile.monitoring().grafana().port() + "/");
        }
        out.put("Prometheus", "http://" + host + ":" + prometheus.publishedPort() + "/");
        return out;
    }

    /** What a database's primary says of its replicas now (Status view rows). */
    public List<org.kaspa.aio.health.ReplicaStatus> replicaStatus(Profile profile, String serviceId) {
        return new StatusCollector(engine(), catalog(), ports()).replicas(serviceId, database(profile, serviceId), profile.bindAddress());
    }

    public org.kaspa.aio.health.PoolerStatus.PoolFigures poolFigures(DatabaseTarget pooler) {
        return new org.kaspa.aio.health.PoolerInspector(engine()).figures(pooler, PoolerProfile.SOCKET_DIR, PoolerProfile.CONTAINER_PORT);
    }

    /**
     * The wizard's Review: the plan Install will apply, which runs with the passwords the databases have now;
     * a changed password is then changed inside each database (and its pooler) by the rotation.
     */
    public ProvisionPlan planForInstall(Profile profile, Secrets wanted) throws IOException {
        Secrets stored = exists() ? load().secrets() : wanted;
        Secrets current = wanted;
        for (String id : changedPasswords(profile, stored, wanted)) {
            current = current.with(id, stored.password(id).orElseThrow());
        }
        return plan(profile, current);
    }

    /** The limits a database container runs with (Status view); null when there is no such container. */
    public org.kaspa.aio.health.DatabaseStatus.Limits limits(String container) {
        return engine().findContainer(container).map(c -> {
            var r = engine().resources(c.id());
            return new org.kaspa.aio.health.DatabaseStatus.Limits(r.memoryBytes() >> 20, r.cpus(), r.shmBytes() >> 20);
        }).orElse(null);
    }

    /** {@code plan}: read only, like status. */
    public ProvisionPlan plan() throws IOException {
        connectAhead();
        Settings s = load();
        return plan(s.profile(), s.secrets());
    }

    /**
     * Every enabled database without resources gets its share of the engine's machine (ResourceSplit);
     * the others keep theirs. The profile as it was when there is nothing to size.
     */
    public Profile sized(Profile profile) {
        List<String> unsized = profile.enabledDatabases().entrySet().stream().filter(e -> e.getValue().resources() == null)
                .map(Map.Entry::getKey).toList();
        if (unsized.isEmpty()) {
            return profile;
        }
        var machine = engine().machine();
        var split = ResourceSplit.of(machine.memoryBytes(), machine.cpus(), List.copyOf(profile.enabledDatabases().keySet()), catalog());
        Profile out = profile;
        for (String id : unsized) {
            ServiceProfile service = out.service(id);
            out = out.withService(id, new ServiceProfile(service.enabled(), service.database().withResources(split.get(id)), service.storage()));
        }
        return out;
    }

    /** What the Databases step shows and suggests: the engine's machine and each enabled database's default share. */
    public Sizing suggestedSizing(List<String> enabledDatabases) {
        var machine = engine().machine();
        return new Sizing(machine.memoryMb(), machine.cpus(), ResourceSplit.of(machine.memoryBytes(), machine.cpus(), enabledDatabases, catalog()));
    }

    /** The same machine split between another choice of databases (no engine call: the Services step changed). */
    public Map<String, org.kaspa.aio.profile.DatabaseResources> split(Sizing machine, List<String> enabledDatabases) {
        return ResourceSplit.of((long) machine.engineMemoryMb() << 20, machine.engineCpus(), enabledDatabases, catalog());
    }

    /**
     * Writes what was converged into profile.json where it differs from what was loaded (the numbers apply sized
     * databases with, a changed schedule), so that what runs is what it says.
     */
    private void storeSizing(Profile before, Profile sized) throws IOException {
        if (sized == before) {
            return;
        }
        new ProfileStore(catalog()).write(home.profileFile(), sized);
        List<String> lines = new ArrayList<>();
        sized.enabledDatabases().forEach((id, db) -> {
            if (before.service(id).database().resources() == null) {
                lines.add(db.container() + " " + db.resources().describe());
            }
        });
        if (lines.isEmpty()) {
            return; // a change the person made (the schedule editor's): nothing was sized
        }
        var machine = engine().machine();
        notices.accept("sized from the engine's " + machine.memoryMb() + " MB and " + machine.cpus() + " CPUs: " + String.join("; ", lines)
                + " (profile.json's resources; change them there)");
    }

    /** {@code apply}: converge the engine to the stored profile. */
    public ProvisionPlan apply(Duration readyTimeout, ProgressListener listener) throws IOException {
        connectAhead();
        try (HomeLock lock = lock()) {
            return applyLocked(readyTimeout, listener);
        }
    }

    private ProvisionPlan applyLocked(Duration readyTimeout, ProgressListener listener) throws IOException {
        Settings loaded = loadForChange();
        return convergeTo(loaded.profile(), loaded, readyTimeout, listener);
    }

    /** Converges to {@code wanted}, then stores it (with the sizing apply gave it) where it differs from what was loaded. */
    private ProvisionPlan convergeTo(Profile wanted, Settings loaded, Duration readyTimeout, ProgressListener listener) throws IOException {
        // sized in memory first: a profile that fails validation or the plan's checks is left as it was
        Settings s = new Settings(sized(wanted), loaded.secrets());
        StoredLoginChecks logins = storedLoginChecks(s.profile(), s.secrets());
        ProvisionPlan plan = provisioner().withReadyTimeout(readyTimeout).apply(s.profile(), s.secrets(), observer.andThen(listener).andThen(logins));
        storeSizing(loaded.profile(), s.profile());
        verifyLogins(s.profile(), plan, logins);
        alignVerifiers(s.profile(), s.secrets());
        return plan;
    }

    // ---- scheduled backups and point-in-time recovery ----

    /**
     * The Backups panel's schedule editor: when {@code service}'s base backups are taken (cron, UTC) and how many
     * are kept. Checked by the profile's rules, converged (the agent takes the new schedule; nothing else changes),
     * and stored only once that worked: bad input changes nothing.
     */
    public ProvisionPlan changeBackupSchedule(String service, String schedule, int keepBase, Duration readyTimeout, ProgressListener listener)
            throws IOException {
        try (HomeLock lock = lock()) {
            Settings loaded = loadForChange();
            DatabaseProfile db = database(loaded.profile(), service);
            if (!db.backedUp()) {
                throw new UserFacingException(service + " has no scheduled backups (services." + service + ".database.backups.enabled is false)");
            }
            Profile wanted = loaded.profile().withService(service, loaded.profile().service(service).withDatabase(
                    db.withBackups(db.backups().withSchedule(schedule.strip(), keepBase))));
            org.kaspa.aio.profile.ProfileValidator.validate(wanted);
            return convergeTo(wanted, loaded, readyTimeout, listener);
        }
    }

    /** {@code backups <service>}: the base backups, the restorable window, the agent's last success and failure. */
    public org.kaspa.aio.ops.BaseBackups.Report backups(String service) throws IOException {
        return new org.kaspa.aio.ops.BaseBackups(engine()).report(database(load().profile(), service));
    }

    /**
     * One database's backups as status shows them: the agent's report, or why it could not be read; and what
     * profile.json holds now (its backups settings, the database's volume), which the Backups panel edits and names.
     */
    public record BackupState(org.kaspa.aio.ops.BaseBackups.Report report, String error, BackupsProfile settings, String volume) {
        /** What needs the person's attention, or null. */
        public String warning(java.time.Instant now) {
            return error != null ? error : report.warning(now);
        }
    }

    /** The backups of every enabled database with backups on, by service (status, the Status view). */
    public Map<String, BackupState> backupStates() throws IOException {
        Map<String, BackupState> out = new java.util.LinkedHashMap<>();
        var bases = new org.kaspa.aio.ops.BaseBackups(engine());
        load().profile().enabledDatabases().forEach((id, db) -> {
            if (db.backedUp()) {
                try {
                    out.put(id, new BackupState(bases.report(db), null, db.backups(), db.volume()));
                } catch (RuntimeException e) {
                    out.put(id, new BackupState(null, e.getMessage(), db.backups(), db.volume()));
                }
            }
        });
        return out;
    }

    /** {@code backup <service> --base}: a base backup now, verified, with retention; what the agent printed. */
    public String takeBaseBackup(String service) throws IOException {
        return new org.kaspa.aio.ops.BaseBackups(engine()).takeNow(database(load().profile(), service));
    }

    /**
     * {@code restore <service> --to-time T | --to-latest}: restores into a new volume and checks it
     * ({@link org.kaspa.aio.ops.PointInTimeRestore}); only then is the database switched to it (profile.json's
     * volume, then apply). The previous volume is kept; the result names both.
     */
    public org.kaspa.aio.ops.PointInTimeRestore.Result restoreToPointInTime(String service, java.time.Instant target, Duration readyTimeout,
                                                                          ProgressListener listener) throws IOException {
        return restoreToPointInTime(service, target, readyTimeout, listener, Cancellation.none());
    }

    /**
     * The same, cancellable until the restored copy has been checked: then the new volume goes and nothing has
     * changed. The switch to it (replicas, profile.json, apply) is the point of no return: a later Cancel is refused.
     */
    public org.kaspa.aio.ops.PointInTimeRestore.Result restoreToPointInTime(String service, java.time.Instant target, Duration readyTimeout,
                                                                          ProgressListener listener, Cancellation cancellation) throws IOException {
        try (HomeLock lock = lock()) {
            Settings s = loadForChange();
            DatabaseProfile db = database(s.profile(), service);
            var restore = new org.kaspa.aio.ops.PointInTimeRestore(engine(), catalog());
            String cancelled = "Restore of " + service + " cancelled; nothing was changed (" + db.container() + " runs on " + db.volume() + ")";
            org.kaspa.aio.ops.PointInTimeRestore.Result result;
            try {
                result = restore.restore(s.profile(), s.secrets(), service, target, observer.andThen(listener), cancellation);
            } catch (Cancellation.Cancelled e) {
                throw new Cancellation.Cancelled(cancelled);
            }
            if (!cancellation.commit()) {
                engine().removeVolume(result.newVolume());
                throw new Cancellation.Cancelled(cancelled);
            }
            observer.andThen(listener).on(ProgressEvent.of(db.container(), ProgressEvent.Phase.WORKING,
                    "switching to the restored volume " + result.newVolume() + " (this step cannot be cancelled)"));
            restore.discardReplicas(s.profile().service(service).database(), observer.andThen(listener));
            Profile switched = s.profile().withService(service, s.profile().service(service).withDatabase(
                    s.profile().service(service).database().withVolume(result.newVolume())));
            new ProfileStore(catalog()).write(home.profileFile(), switched);
            applyLocked(readyTimeout, listener);
            return result;
        }
    }

    /**
     * Each enabled database's login with its stored password, as apply's progress reports it ready, unless the
     * same container took the same password at an earlier apply and no rotation is under way (LoginProofs).
     */
    private StoredLoginChecks storedLoginChecks(Profile profile, Secrets secrets) {
        Map<String, String> serviceByContainer = new HashMap<>();
        profile.enabledDatabases().forEach((id, db) -> serviceByContainer.put(db.container(), id));
        return new StoredLoginChecks(serviceByContainer, id -> LoginCheck.check(
                DatabaseTarget.of(id, profile.service(id).database(), profile.bindAddress(), ports()), secrets.password(id).orElseThrow()),
                id -> secrets.pending(id).isPresent() ? null : engine().findContainer(profile.service(id).database().container())
                        .map(c -> LoginProofs.digest(c.id(), secrets.password(id).orElseThrow())).orElse(null),
                loginProofs().read());
    }

    private LoginProofs loginProofs() {
        return new LoginProofs(home.loginProofsFile());
    }

    /**
     * A database whose volume already existed keeps the password it was created with, whatever
     * secrets.json says: prove the stored one logs in, or fail with the way back in. The proofs this apply's
     * logins gave are kept for the next one (LoginProofs).
     */
    private void verifyLogins(Profile profile, ProvisionPlan plan, StoredLoginChecks logins) throws IOException {
        for (var e : profile.enabledDatabases().entrySet()) {
            DatabaseProfile db = e.getValue();
            boolean volumeExisted = plan.actions().stream().anyMatch(a -> a.resource().equals(db.volume())
                    && a.kind() == org.kaspa.aio.plan.PlanAction.Kind.KEEP);
            if (!volumeExisted) {
                continue;
            }
            if (logins.result(e.getKey()) == LoginCheck.Result.REFUSED) {
                throw new UserFacingException(db.container() + ": the stored password of " + db.user() + " is refused by the data on volume "
                        + db.volume() + " (secrets.json does not belong to it); put back the secrets.json it was created with, or run "
                        + "'kaspa-aio rotate-password " + e.getKey() + " --reset' to make the stored password the database's");
            }
        }
        loginProofs().remember(logins.freshProofs());
    }
    /** A pooled database holds the verifier its pooler authenticates with (see PasswordRotation#alignVerifier). */
    private void alignVerifiers(Profile profile, Secrets secrets) {
        profile.enabledDatabases().forEach((id, db) -> {
            if (db.pooled()) {
                new PasswordRotation(engine(), ports()).alignVerifier(profile, secrets, id);
            }
        });
    }


    /**
     * The wizard's Install: stores the profile, converges the engine with the passwords the databases have
     * now, then changes each password that differs from the stored one inside its running database (the
     * rotation: verified, undone on failure, stored last). A fresh install has no password to change.
     */
    public ProvisionPlan install(Profile profile, Secrets wanted, ProgressListener frontEnd) throws Exception {
        try (HomeLock lock = lock()) {
            return installLocked(profile, wanted, observer.andThen(frontEnd));
        }
    }

    private ProvisionPlan installLocked(Profile profile, Secrets wanted, ProgressListener listener) throws Exception {
        Secrets stored = exists() ? loadForChange().secrets() : new SecretsStore().read(home.secretsFile());
        List<String> passwordChanges = changedPasswords(profile, stored, wanted);
        Secrets current = wanted;
        for (String id : passwordChanges) {
            current = current.with(id, stored.password(id).orElseThrow());
        }
        SecretsStore secretsStore = new SecretsStore();
        profile = sized(profile); // a database the wizard left unsized gets its share now, written as numbers
        new ProfileStore(catalog()).write(home.profileFile(), profile);
        secretsStore.write(home.secretsFile(), current);
        StoredLoginChecks logins = storedLoginChecks(profile, current);
        ProvisionPlan plan = provisioner().apply(profile, current, listener.andThen(logins));
        verifyLogins(profile, plan, logins);
        alignVerifiers(profile, current);
        for (String id : passwordChanges) {
            String container = profile.service(id).database().container();
            listener.on(ProgressEvent.of(container, ProgressEvent.Phase.WORKING, "changing the password"));
            current = new PasswordRotation(engine(), ports()).rotate(profile, current, id, wanted.password(id).orElseThrow(),
                    s -> secretsStore.write(home.secretsFile(), s), listener);
            listener.on(ProgressEvent.of(container, ProgressEvent.Phase.DONE, "password changed and verified"));
        }
        return plan;
    }

    /** Enabled databases whose wanted password differs from the stored one: changed by rotation, not by apply. */
    public static List<String> changedPasswords(Profile profile, Secrets stored, Secrets wanted) {
        return profile.enabledDatabases().keySet().stream().filter(id -> stored.password(id).isPresent()
                && !stored.password(id).equals(wanted.password(id))).toList();
    }

    // ---- status ----

    public StatusReport status() throws IOException {
        connectAhead();
        Settings s = load();
        StatusReport report = new StatusCollector(engine(), catalog(), ports()).collect(s.profile(), s.secrets());
        // a stored password the database refuses now (changed inside it, or a rotation left pending): the next
        // apply logs in again and says so, instead of trusting an earlier proof
        List<String> refused = report.databases().stream().filter(d -> d.login().equals(DatabaseStatus.LOGIN_REFUSED)
                || d.login().equals(DatabaseStatus.LOGIN_PENDING)).map(d -> d.target().serviceId()).toList();
        if (!refused.isEmpty()) {
            try {
                loginProofs().forget(refused);
            } catch (IOException readOnlyHome) {
                // status reports all the same; the proof then stands until a new container or password replaces it
            }
        }
        return report;
    }

    /** A live monitor of the profile's databases; the caller starts and closes it. */
    public HealthMonitor monitor(Profile profile, Duration steady) {
        ContainerStateSource states = name -> engine().findContainer(name).map(c -> c.state()).orElse(DatabaseHealth.MISSING);
        return new HealthMonitor(DatabaseTarget.withPoolersAndReplicas(profile, ports()), states, steady);
    }

    // ---- connection strings and the compose view ----

    public ConnectionStrings connectionStrings(Profile profile, String service, String password) {
        DatabaseProfile db = database(profile, service);
        // no engine is asked for this (Review shows the strings before there is one); once connected, a remote
        // engine's host is named instead of this machine's loopback
        PortAccess access;
        synchronized (this) {
            access = connectedTo == null ? PortAccess.LOCAL : ports();
        }
        String host = access.publishedHost(profile.bindAddress());
        return new ConnectionStrings(service,
                ConnectionString.of(db.user(), password, db.container(), DatabaseComponents.POSTGRES_PORT, db.name()),
                ConnectionString.of(db.user(), password, host, db.port(), db.name()),
                db.pooled() ? ConnectionString.of(db.user(), password, db.poolerContainer(), PoolerProfile.CONTAINER_PORT, db.name()) : null,
                db.pooled() ? ConnectionString.of(db.user(), password, host, db.pooler().port(), db.name()) : null,
                ReadReplicaStrings.of(db, password, host));
    }

    /** {@code connection <service> [--reveal]}: the stored password only when revealed, masked otherwise. */
    public ConnectionStrings connectionStrings(String service, boolean reveal) throws IOException {
        Settings s = load();
        database(s.profile(), service);
        return connectionStrings(s.profile(), service, reveal ? s.secrets().password(service).orElseThrow() : ConnectionString.MASK);
    }

    /** Every enabled database's strings with the password masked (Review). */
    public List<ConnectionStrings> maskedConnectionStrings(Profile profile) {
        List<ConnectionStrings> out = new ArrayList<>();
        profile.enabledDatabases().keySet().forEach(id -> out.add(connectionStrings(profile, id, ConnectionString.MASK)));
        return out;
    }

    /** The compose file a profile would export (no password in it), for Review. */
    public String composePreview(Profile profile, Secrets secrets) {
        return ComposeFile.render(Provisioner.desiredState(profile, secrets, catalog()),
                org.kaspa.aio.ops.ComposeExport.userOwning(home().dir())).yaml();
    }

    // ---- operations ----

    public void rotatePassword(String service, String newPassword) throws IOException {
        try (HomeLock lock = lock()) {
            Settings s = loadForChange();
            database(s.profile(), service);
            SecretsStore store = new SecretsStore();
            new PasswordRotation(engine(), ports()).rotate(s.profile(), s.secrets(), service, newPassword,
                    x -> store.write(home.secretsFile(), x), observer);
        }
    }

    /** {@code rotate-password --reset}: makes the stored password the database's, through the container's local socket. */
    public void resetPassword(String service) throws IOException {
        try (HomeLock lock = lock()) {
            Settings s = loadForChange();
            database(s.profile(), service);
            new PasswordRotation(engine(), ports()).reset(s.profile(), s.secrets(), service);
        }
    }

    public DatabaseBackup.BackupResult backup(String service, DumpFormat format, Path out, LongConsumer progress) throws IOException {
        return new DatabaseBackup(engine()).backup(database(load().profile(), service), format, out, progress);
    }

    /** Tables a restore into this service's database would overwrite. */
    public int existingTables(String service) throws IOException {
        return new DatabaseBackup(engine()).existingTables(database(load().profile(), service));
    }

    /** {@code restore}: checks the file whole first, then restores it in one transaction; {@code secondsElapsed} hears a long one run. */
    public DumpFormat restore(String service, Path in, LongConsumer secondsElapsed) throws IOException {
        try (HomeLock lock = lock()) {
            return new DatabaseBackup(engine()).restore(database(load().profile(), service), in, secondsElapsed);
        }
    }

    /** The one-line reason a file cannot be restored, before anything is asked or changed. */
    public DumpFormat checkDumpFile(Path in) throws IOException {
        return DatabaseBackup.checkDumpFile(in);
    }

    /** {@code export --out DIR}; returns the files written, relative to {@code dir}. */
    public List<String> export(Path dir) throws IOException {
        Settings s = load();
        return ComposeExport.export(Provisioner.desiredState(s.profile(), s.secrets(), catalog()), dir);
    }

    /**
     * Streams a service's database container log; close the result to stop following. Following goes on
     * across a restart: Podman ends a follow when the container stops (dockerd does not), so when the
     * stream ends and the container runs again within {@link #FOLLOW_ACROSS_RESTART}, it is followed again
     * from its new start.
     */
    public Closeable followLogs(String service, int tail, boolean follow, Consumer<String> lines, Runnable onEnd) throws IOException {
        String container = database(load().profile(), service).container();
        String id = engine().findContainer(container).map(c -> c.id())
                .orElseThrow(() -> new UserFacingException(container + " does not exist (run apply first)"));
        DockerEngine e = engine();
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Closeable> stream = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger lastStart = new java.util.concurrent.atomic.AtomicInteger(e.startedAt(id));
        Runnable[] ended = new Runnable[1];
        Runnable endedElsewhere = () -> new Thread(ended[0], "logs-after-restart").start();
        ended[0] = () -> {
            if (!follow || closed.get()) {
                onEnd.run();
                return;
            }
            long deadline = System.nanoTime() + FOLLOW_ACROSS_RESTART.toNanos();
            while (!closed.get() && System.nanoTime() < deadline) {
                var c = e.findContainer(container);
                if (c.isEmpty()) {
                    break;
                }
                int now = e.startedAt(c.get().id());
                if (c.get().running() && now > lastStart.get()) {
                    lastStart.set(now);
                    stream.set(e.followLogs(c.get().id(), 0, now, true, lines, endedElsewhere));
                    return;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
            }
            onEnd.run();
        };
        stream.set(e.followLogs(id, tail, 0, follow, lines, endedElsewhere));
        return () -> {
            closed.set(true);
            Closeable s = stream.get();
            if (s != null) {
                s.close();
            }
        };
    }

    /** How long a follow waits for a stopped container to run again before it ends. */
    static final Duration FOLLOW_ACROSS_RESTART = Duration.ofSeconds(30);

    /** This profile's volumes on the engine: what {@code uninstall --delete-data} would delete. */
    public List<String> dataVolumes() throws IOException {
        return new Uninstaller(engine(), catalog().network(), load().profile()).ourVolumes();
    }

    /**
     * Removes this profile's containers (and the network when nothing else uses it); of its volumes, exactly
     * those in {@code deleteVolumes}, which the person confirmed.
     */
    public Uninstaller.Result uninstall(List<String> deleteVolumes, Consumer<String> progress) throws IOException {
        try (HomeLock lock = lock()) {
            return new Uninstaller(engine(), catalog().network(), load().profile()).uninstall(deleteVolumes, progress);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeEngine();
    }

    private synchronized void closeEngine() {
        connectedTo = null;
        if (ports != null) {
            ports.close();
            ports = null;
        }
        if (engine != null) {
            try {
                engine.close();
            } catch (IOException ignored) {
                // closing on exit
            }
            engine = null;
        }
    }
}
