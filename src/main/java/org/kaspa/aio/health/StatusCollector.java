package org.kaspa.aio.health;

import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.EngineException;
import org.kaspa.aio.engine.ExecResult;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;

import java.time.Duration;
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
        return new StatusReport(futures.stream().map(CompletableFuture::join).toList(), storage,
                poolers.stream().map(CompletableFuture::join).toList());
    }

    private PoolerStatus pooler(DatabaseTarget t, Secrets secrets) {
        Readiness r = probe.probe(t.host(), t.port(), t.user(), t.database(), Duration.ofSeconds(3));
        String state;
        try {
            state = engine.findContainer(t.container()).map(info -> info.state()).orElse(DatabaseHealth.MISSING);
        } catch (EngineException e) {
            state = DatabaseHealth.ENGINE_UNREACHABLE;
        }
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

    private DatabaseStatus database(DatabaseTarget t, Secrets secrets) {
        Readiness r = probe.probe(t.host(), t.port(), t.user(), t.database(), Duration.ofSeconds(3));
        String state;
        DatabaseStatus.InContainerCheck inContainer = null;
        DatabaseStatus.Limits limits = null;
        try {
            var c = engine.findContainer(t.container());
            state = c.map(info -> info.state()).orElse(DatabaseHealth.MISSING);
            if (c.isPresent()) {
                var given = engine.resources(c.get().id());
                limits = new DatabaseStatus.Limits(given.memoryBytes() >> 20, given.cpus(), given.shmBytes() >> 20);
            }
            if (c.isPresent() && c.get().running()) {
                ExecResult e = engine.exec(c.get().id(), List.of("pg_isready", "-U", t.user(), "-d", t.database()));
                inContainer = new DatabaseStatus.InContainerCheck(e.exitCode(), e.stdout().strip());
            }
        } catch (EngineException e) {
            state = DatabaseHealth.ENGINE_UNREACHABLE;
        }
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
        return new DatabaseStatus(t, r, state, inContainer, present, expected.size(), missing, version, schemaError, login, limits, settings);
    }
}
