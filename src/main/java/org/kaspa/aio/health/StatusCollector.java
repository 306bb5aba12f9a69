package org.kaspa.aio.health;

import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.engine.ContainerCondition;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.EngineException;
import org.kaspa.aio.engine.ExecResult;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Builds the {@code status} report; databases are checked concurrently. */
public final class StatusCollector {
    private final DockerEngine engine;
    private final ServiceCatalog catalog;
    private final ReadinessProbe probe = new ReadinessProbe();
    private final SchemaInspector schema = new SchemaInspector();

    private final PortAccess ports;

    public StatusCollector(DockerEngine engine, ServiceCatalog catalog, PortAccess ports) {
        this.engine = engine;
        this.catalog = catalog;
        this.ports = ports;
    }

    public StatusReport collect(Profile profile, Secrets secrets) {
        List<CompletableFuture<DatabaseStatus>> futures = new ArrayList<>();
        for (DatabaseTarget t : DatabaseTarget.of(profile, ports)) {
            futures.add(CompletableFuture.supplyAsync(() -> database(t, secrets)));
        }
        List<StorageStatus> storage = new ArrayList<>();
        profile.services().forEach((id, s) -> {
            if (s.enabled() && s.storage() != null) {
                boolean present;
                try {
                    present = engine.findVolume(s.storage().volume()).isPresent();
                } catch (EngineException e) {
                    present = false;
                }
                storage.add(new StorageStatus(id, s.storage().volume(), present));
            }
        });
        List<CompletableFuture<PoolerStatus>> poolers = new ArrayList<>();
        profile.enabledDatabases().forEach((id, db) -> {
            if (db.pooled()) {
                DatabaseTarget t = DatabaseTarget.poolerOf(id, db, profile.bindAddress(), ports);
                poolers.add(CompletableFuture.supplyAsync(() -> pooler(t, secrets)));
            }
        });
        List<CompletableFuture<List<ReplicaStatus>>> replicas = new ArrayList<>();
        profile.enabledDatabases().forEach((id, db) -> {
            if (db.replicaCount() > 0) {
                replicas.add(CompletableFuture.supplyAsync(() -> replicas(id, db, profile.bindAddress())));
            }
        });
        CompletableFuture<MonitoringStatus> monitoring = profile.monitored() && !profile.enabledDatabases().isEmpty()
                ? CompletableFuture.supplyAsync(() -> monitoring(profile)) : CompletableFuture.completedFuture(null);
        return new StatusReport(futures.stream().map(CompletableFuture::join).toList(), storage,
                poolers.stream().map(CompletableFuture::join).toList(),
                replicas.stream().flatMap(f -> f.join().stream()).toList(), monitoring.join());
    }

    /** Where this machine reaches Prometheus (through a database container when the engine's loopback is out of reach). */
    public static Endpoint prometheusEndpoint(Profile profile, PortAccess ports) {
        String relay = profile.enabledDatabases().values().iterator().next().container();
        return ports.reach(relay, org.kaspa.aio.profile.MonitoringProfile.PROMETHEUS_CONTAINER,
                org.kaspa.aio.profile.MonitoringProfile.PROMETHEUS_CONTAINER_PORT, profile.bindAddress(), profile.monitoring().prometheus().port());
    }

    public MonitoringStatus monitoring(Profile profile) {
        Endpoint e = prometheusEndpoint(profile, ports);
        Readiness r = new HttpReadinessCheck(e, "/-/ready").probe();
        if (r != Readiness.ACCEPTING) {
            return new MonitoringStatus(e, r, List.of(), List.of(), "Prometheus is not ready");
        }
        try {
            PrometheusApi api = new PrometheusApi(e);
            return new MonitoringStatus(e, r, api.alerts().stream().filter(a -> a.state().equals("firing")).toList(), api.targets(), null);
        } catch (java.io.IOException ex) {
            return new MonitoringStatus(e, r, List.of(), List.of(), "cannot read Prometheus: " + ex.getMessage());
        }
    }

    /** Each replica's own verdict, and what its primary's WAL senders say of it (one query for all of them). */
    public List<ReplicaStatus> replicas(String serviceId, org.kaspa.aio.profile.DatabaseProfile db, String bind) {
        java.util.Map<String, ReplicationInspector.Sender> senders;
        String primaryProblem = null;
        try {
            senders = new ReplicationInspector(engine).senders(db.container(), db.user(), db.name());
        } catch (RuntimeException e) {
            senders = java.util.Map.of();
            primaryProblem = "its primary cannot be asked (" + e.getMessage() + ")";
        }
        List<ReplicaStatus> out = new ArrayList<>();
        for (int n = 1; n <= db.replicaCount(); n++) {
            DatabaseTarget t = DatabaseTarget.replicaOf(serviceId, db, n, bind, ports);
            Readiness r = probe.probe(t.host(), t.port(), t.user(), t.database(), Duration.ofSeconds(3));
            String state = containerState(t);
            ReplicationInspector.Sender s = senders.get(t.container());
            String streaming = s == null ? ReplicaStatus.NOT_CONNECTED : s.state();
            Long bytes = s == null ? null : s.lagBytes();
            Double seconds = s == null ? null : s.lagSeconds();
            String problem = ReplicaStatus.problemOf(r, streaming, bytes, seconds);
            out.add(new ReplicaStatus(t, db.container(), r, state, streaming, bytes, seconds,
                    problem != null && primaryProblem != null && s == null ? problem + "; " + primaryProblem : problem));
        }
        return out;
    }

    /** The container's state as the engine reports it, or why it cannot say. */
    private String containerState(DatabaseTarget t) {
        try {
            return engine.findContainer(t.container()).map(info -> info.state()).orElse(DatabaseHealth.MISSING);
        } catch (EngineException e) {
            return DatabaseHealth.ENGINE_UNREACHABLE;
        }
    }

    private PoolerStatus pooler(DatabaseTarget t, Secrets secrets) {
        Readiness r = probe.probe(t.host(), t.port(), t.user(), t.database(), Duration.ofSeconds(3));
        String state = containerState(t);
        if (r != Readiness.ACCEPTING) {
            return new PoolerStatus(t, r, state, null, "pooler not accepting connections");
        }
        try {
            return new PoolerStatus(t, r, state, new PoolerInspector(engine).figures(t, org.kaspa.aio.profile.PoolerProfile.SOCKET_DIR,
                    org.kaspa.aio.profile.PoolerProfile.CONTAINER_PORT), null);
        } catch (RuntimeException e) {
            return new PoolerStatus(t, r, state, null, "cannot read the admin console: " + e.getMessage());
        }
    }

    /** What the engine says of a database's container: its state, its limits, and what it knows of pg_isready inside it. */
    private record ContainerSide(String state, ContainerCondition condition, DatabaseStatus.Limits limits) {
    }

    private ContainerSide containerSide(DatabaseTarget t) {
        try {
            var found = engine.containerCondition(t.container());
            if (found.isEmpty()) {
                return new ContainerSide(DatabaseHealth.MISSING, null, null);
            }
            ContainerCondition c = found.get();
            var limits = new DatabaseStatus.Limits(c.resources().memoryBytes() >> 20, c.resources().cpus(), c.resources().shmBytes() >> 20);
            return new ContainerSide(c.info().state(), c, limits);
        } catch (EngineException e) {
            return new ContainerSide(DatabaseHealth.ENGINE_UNREACHABLE, null, null);
        }
    }

    /**
     * pg_isready in the container. The engine already runs it every few seconds as the container's health
     * check, and an exec of our own costs the engine a process in the container (~0.1–0.2 s of a 2-core
     * machine, counted against the database's CPU quota while status logs in): the engine's run is taken
     * while it is current and says what the host's probe said ({@link DatabaseStatus.InContainerCheck#fromHealthCheck}),
     * and status runs the design's {@code docker exec … pg_isready} when the engine has none (a container just
     * started, a health check that timed out, Podman without its timers) or when its run differs.
     */
    private DatabaseStatus.InContainerCheck inContainer(ContainerSide side, DatabaseTarget t, Readiness fromHost) {
        if (side.condition() == null || !side.condition().info().running()) {
            return null;
        }
        ContainerCondition c = side.condition();
        return DatabaseStatus.InContainerCheck.fromHealthCheck(c.lastHealthCheck(), fromHost, Instant.now()).orElseGet(() -> {
            try {
                ExecResult e = engine.exec(c.info().id(), List.of("pg_isready", "-U", t.user(), "-d", t.database()));
                return new DatabaseStatus.InContainerCheck(e.exitCode(), e.stdout().strip(), DatabaseStatus.InContainerCheck.EXEC, 0);
            } catch (EngineException ex) {
                return null;
            }
        });
    }

    private DatabaseStatus database(DatabaseTarget t, Secrets secrets) {
        // the engine's side (an exec in the container takes the engine ~0.1 s) and the database's own answers
        // (probe, login, schema) do not depend on each other: asked side by side
        CompletableFuture<ContainerSide> container = CompletableFuture.supplyAsync(() -> containerSide(t));
        Readiness r = probe.probe(t.host(), t.port(), t.user(), t.database(), Duration.ofSeconds(3));
        // whether the engine's health-check run may stand for pg_isready in the container depends on the probe's
        // answer; an exec, where one is needed, runs while the schema is read
        CompletableFuture<DatabaseStatus.InContainerCheck> inContainer = container.thenApplyAsync(c -> inContainer(c, t, r));
        List<String> expected = catalog.require(t.serviceId()).expectedTables();
        int present = 0;
        List<String> missing = expected;
        String version = null;
        String schemaError = null;
        String login = DatabaseStatus.LOGIN_NOT_CHECKED;
        java.util.Map<String, String> settings = java.util.Map.of();
        if (r == Readiness.ACCEPTING) {
            login = DatabaseStatus.LOGIN_OK;
            try {
                SchemaInspector.Schema s = schema.inspect(t, secrets.password(t.serviceId()).orElse(""), expected);
                present = s.presentTables().size();
                missing = SchemaInspector.missing(expected, s.presentTables());
                version = s.timescaledbVersion();
                settings = s.settings();
            } catch (java.sql.SQLException e) {
                if (LoginCheck.isRefusal(e)) {
                    login = secrets.pending(t.serviceId()).filter(p -> LoginCheck.check(t, p) == LoginCheck.Result.OK).isPresent()
                            ? DatabaseStatus.LOGIN_PENDING : DatabaseStatus.LOGIN_REFUSED;
                }
                schemaError = "cannot read schema: " + (e.getSQLState() == null ? "" : "SQLSTATE " + e.getSQLState() + " ")
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            }
        } else {
            schemaError = "database not accepting connections";
        }
        ContainerSide c = container.join();
        return new DatabaseStatus(t, r, c.state(), inContainer.join(), present, expected.size(), missing, version, schemaError, login, c.limits(),
                settings);
    }
}
