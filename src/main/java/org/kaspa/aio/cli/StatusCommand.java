package org.kaspa.aio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kaspa.aio.health.DatabaseStatus;
import org.kaspa.aio.health.PoolerStatus;
import org.kaspa.aio.health.Readiness;
import org.kaspa.aio.health.ReplicaStatus;
import org.kaspa.aio.health.StatusReport;
import org.kaspa.aio.health.StorageStatus;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kaspa.aio.app.Installation;

/** {@code status [--json]}: per enabled database; exit 0 only if every enabled database accepts. */
final class StatusCommand implements CliCommand {
    @Override
    public String name() {
        return "status";
    }

    @Override
    public String usage() {
        return "status [--json]           readiness, schema n/N and versions of each enabled database";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        boolean json = Arguments.parse(args, Set.of("--json"), Set.of()).noPositional().has("--json");
        StatusReport report = ctx.installation().status();
        Map<String, Installation.BackupState> backups = ctx.installation().backupStates();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = (ObjectNode) mapper.readTree(toJson(report));
            for (JsonNode d : root.path("databases")) {
                backupsJson((ObjectNode) d, backups.get(d.path("service").asText()));
            }
            ctx.out().println(mapper.writeValueAsString(root));
        } else {
            printText(report, ctx);
            backups.forEach((id, b) -> printBackups(id, b, ctx));
        }
        List<String> backupWarnings = new java.util.ArrayList<>();
        backups.forEach((id, b) -> {
            String w = b.warning(java.time.Instant.now());
            if (w != null) {
                backupWarnings.add(id + " (" + w + ")");
            }
        });
        if (!backupWarnings.isEmpty()) {
            ctx.err().println("kaspa-aio: backups need attention: " + String.join(", ", backupWarnings));
        }
        List<String> down = new java.util.ArrayList<>(report.databases().stream().filter(d -> d.readiness() != Readiness.ACCEPTING)
                .map(d -> d.target().container() + " (" + d.readiness().text() + ")").toList());
        report.poolers().stream().filter(p -> p.readiness() != Readiness.ACCEPTING)
                .forEach(p -> down.add(p.target().container() + " (" + p.readiness().text() + ")"));
        List<String> degraded = report.replicas().stream().filter(ReplicaStatus::degraded)
                .map(r -> r.target().container() + " (" + r.problem() + ")").toList();
        List<String> lockedOut = report.databases().stream().filter(d -> d.login().equals(DatabaseStatus.LOGIN_REFUSED))
                .map(d -> d.target().container() + " (" + d.target().serviceId() + ")").toList();
        if (!down.isEmpty()) {
            ctx.err().println("kaspa-aio: not accepting connections: " + String.join(", ", down));
        }
        if (!degraded.isEmpty()) {
            ctx.err().println("kaspa-aio: degraded read replicas: " + String.join(", ", degraded));
        }
        if (!lockedOut.isEmpty()) {
            ctx.err().println("kaspa-aio: the stored password is refused by: " + String.join(", ", lockedOut)
                    + " (put back the secrets.json the data was created with, or 'kaspa-aio rotate-password <service> --reset')");
        }
        return down.isEmpty() && lockedOut.isEmpty() && degraded.isEmpty() && backupWarnings.isEmpty() ? 0 : 1;
    }

    private static void printBackups(String serviceId, Installation.BackupState b, CliContext ctx) {
        if (b.report() == null) {
            ctx.out().printf("%s backups: cannot be read (%s)%n", serviceId, b.error());
            return;
        }
        var r = b.report();
        ctx.out().printf("%s backups: %d base backup(s), schedule '%s' (UTC); restorable %s … %s%n", serviceId, r.backups().size(), r.schedule(),
                r.earliestRestorable().map(Object::toString).orElse("nothing yet"), r.latestRestorable().map(Object::toString).orElse("–"));
        String w = b.warning(java.time.Instant.now());
        if (w != null) {
            ctx.out().println("  WARNING: " + w);
        }
    }

    /** Per database {@code backups}: null when off; else the base backups, the restorable window and the warning, if any. */
    private static void backupsJson(ObjectNode d, Installation.BackupState b) {
        if (b == null) {
            d.putNull("backups");
            return;
        }
        ObjectNode n = d.putObject("backups");
        String w = b.warning(java.time.Instant.now());
        if (w == null) {
            n.putNull("warning");
        } else {
            n.put("warning", w);
        }
        if (b.report() == null) {
            return;
        }
        var r = b.report();
        n.put("schedule", r.schedule()).put("pointInTime", r.pointInTime());
        ArrayNode list = n.putArray("baseBackups");
        r.backups().forEach(x -> list.addObject().put("name", x.name()).put("ended", x.ended().toString()).put("bytes", x.bytes())
                .put("verification", x.verification()));
        n.put("earliestRestorable", r.earliestRestorable().map(Object::toString).orElse(null));
        n.put("latestRestorable", r.latestRestorable().map(Object::toString).orElse(null));
        n.put("lastSuccess", r.lastSuccess() == null ? null : r.lastSuccess().toString());
        n.put("lastFailure", r.lastFailure() == null ? null : r.lastFailure().toString());
    }

    private static String inContainerText(DatabaseStatus.InContainerCheck c) {
        return c.output() + (DatabaseStatus.InContainerCheck.HEALTH_CHECK.equals(c.source())
                ? " (the engine's health check, " + c.ageSeconds() + " s ago)" : " (docker exec)");
    }

    private static void printText(StatusReport report, CliContext ctx) {
        for (DatabaseStatus d : report.databases()) {
            var t = d.target();
            ctx.out().printf("%s (%s): %s on %s%n", t.container(), t.serviceId(), d.readiness().text(), t.endpoint().describe());
            ctx.out().printf("  login with the stored password: %s%n", d.login());
            ctx.out().printf("  container: %s; in container: %s%n", d.containerState(),
                    d.inContainer() == null ? "not checked" : inContainerText(d.inContainer()));
            String schema = d.schemaError() != null ? d.schemaError()
                    : d.tablesPresent() + "/" + d.tablesExpected() + " expected tables"
                    + (d.missingTables().isEmpty() ? "" : " (missing: " + String.join(", ", d.missingTables()) + ")");
            ctx.out().printf("  schema: %s; timescaledb: %s%n", schema,
                    d.timescaledbVersion() == null ? "not installed" : d.timescaledbVersion());
            ctx.out().printf("  limits: %s%n", limitsText(d.limits()));
            if (!d.settings().isEmpty()) {
                ctx.out().printf("  settings: %s%n", String.join(", ", d.settings().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).toList()));
            }
            for (ReplicaStatus r : report.replicasOf(t.serviceId())) {
                ctx.out().printf("  replica %s: %s on %s; %s%s%n", r.target().container(), r.readiness().text(),
                        r.target().endpoint().describe(), r.streaming(), r.lagBytes() == null ? ""
                                : String.format(", lag %d bytes, %.1f s", r.lagBytes(), r.lagSeconds()));
                if (r.degraded()) {
                    ctx.out().printf("    degraded: %s (container: %s)%n", r.problem(), r.containerState());
                }
            }
        }
        for (PoolerStatus p : report.poolers()) {
            var t = p.target();
            ctx.out().printf("%s (%s pooler): %s on %s%n", t.container(), t.serviceId(), p.readiness().text(), t.endpoint().describe());
            ctx.out().printf("  container: %s; %s%n", p.containerState(), p.figures() == null ? p.error()
                    : String.format("clients %d active, %d waiting; %d server connections; avg query %d µs, avg wait %d µs",
                    p.figures().clientsActive(), p.figures().clientsWaiting(), p.figures().serverConnections(),
                    p.figures().avgQueryUs(), p.figures().avgWaitUs()));
        }
        for (StorageStatus s : report.storage()) {
            ctx.out().printf("%s (%s): volume %s%n", s.volume(), s.serviceId(), s.present() ? "present" : "absent");
        }
        var m = report.monitoring();
        if (m != null) {
            ctx.out().printf("monitoring: Prometheus %s on %s%s%n", m.readiness() == Readiness.ACCEPTING ? "ready" : "not ready",
                    m.prometheus().describe(), m.error() == null ? "" : " (" + m.error() + ")");
            m.targets().stream().filter(t -> !t.health().equals("up")).forEach(t -> ctx.out().printf("  target %s: %s %s%n",
                    t.labels().getOrDefault("instance", "?"), t.health(), t.lastError()));
            for (var a : m.firing()) {
                ctx.out().printf("  ALERT %s (%s): %s%n", a.name(), a.labels().getOrDefault("severity", "?"), a.summary());
            }
            if (m.firing().isEmpty() && m.error() == null) {
                ctx.out().println("  no alert firing");
            }
        }
    }

    /** "2048 MB memory, 1.5 CPUs, /dev/shm 1024 MB", or what the engine defaults to. */
    static String limitsText(DatabaseStatus.Limits r) {
        if (r == null) {
            return "no container";
        }
        return (r.memoryMb() == 0 ? "no memory limit" : r.memoryMb() + " MB memory") + ", "
                + (r.cpus() == 0 ? "no CPU limit" : r.cpus() + " CPUs") + ", /dev/shm " + r.shmMb() + " MB";
    }

    /** The keys every checked container has: which one, where it was dialled, its verdict and its state. */
    private static void where(ObjectNode n, org.kaspa.aio.health.DatabaseTarget t, Readiness r, String containerState) {
        n.put("container", t.container());
        n.put("host", t.endpoint().publishedHost());
        n.put("port", t.endpoint().publishedPort());
        n.put("checkedThrough", t.endpoint().checkedThrough());
        n.put("verdict", r.text());
        n.put("exitCode", r.exitCode());
        n.put("containerState", containerState);
    }

    static String toJson(StatusReport report) throws Exception {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        ArrayNode dbs = root.putArray("databases");
        for (DatabaseStatus d : report.databases()) {
            ObjectNode n = dbs.addObject();
            n.put("service", d.target().serviceId());
            where(n, d.target(), d.readiness(), d.containerState());
            n.put("login", d.login());
            if (d.inContainer() == null) {
                n.putNull("inContainer");
            } else {
                n.putObject("inContainer").put("exitCode", d.inContainer().exitCode()).put("output", d.inContainer().output())
                        .put("source", d.inContainer().source()).put("ageSeconds", d.inContainer().ageSeconds());
            }
            ObjectNode schema = n.putObject("schema");
            schema.put("present", d.tablesPresent());
            schema.put("expected", d.tablesExpected());
            d.missingTables().forEach(schema.putArray("missing")::add);
            if (d.missingTables().isEmpty()) {
                schema.putArray("missing");
            }
            if (d.schemaError() == null) {
                schema.putNull("error");
            } else {
                schema.put("error", d.schemaError());
            }
            if (d.limits() == null) {
                n.putNull("resources");
            } else {
                n.putObject("resources").put("memoryMb", d.limits().memoryMb()).put("cpus", d.limits().cpus())
                        .put("shmMb", d.limits().shmMb());
            }
            ObjectNode shown = n.putObject("settings");
            d.settings().forEach(shown::put);
            ArrayNode replicas = n.putArray("replicas");
            for (ReplicaStatus r : report.replicasOf(d.target().serviceId())) {
                ObjectNode rn = replicas.addObject();
                where(rn, r.target(), r.readiness(), r.containerState());
                rn.put("streaming", r.streaming());
                if (r.lagBytes() == null) {
                    rn.putNull("lagBytes");
                    rn.putNull("lagSeconds");
                } else {
                    rn.put("lagBytes", r.lagBytes());
                    rn.put("lagSeconds", r.lagSeconds());
                }
                rn.put("degraded", r.degraded());
                if (r.problem() == null) {
                    rn.putNull("problem");
                } else {
                    rn.put("problem", r.problem());
                }
            }
            ObjectNode ext = n.putObject("extensions");
            if (d.timescaledbVersion() == null) {
                ext.putNull("timescaledb");
            } else {
                ext.put("timescaledb", d.timescaledbVersion());
            }
        }
        ArrayNode poolers = root.putArray("poolers");
        for (PoolerStatus p : report.poolers()) {
            ObjectNode n = poolers.addObject();
            n.put("service", p.target().serviceId());
            where(n, p.target(), p.readiness(), p.containerState());
            if (p.figures() == null) {
                n.putNull("pools");
                n.put("error", p.error());
            } else {
                n.putObject("pools").put("clientsActive", p.figures().clientsActive()).put("clientsWaiting", p.figures().clientsWaiting())
                        .put("serverConnections", p.figures().serverConnections()).put("avgQueryUs", p.figures().avgQueryUs())
                        .put("avgWaitUs", p.figures().avgWaitUs());
            }
        }
        ArrayNode storage = root.putArray("storage");
        for (StorageStatus s : report.storage()) {
            storage.addObject().put("service", s.serviceId()).put("volume", s.volume()).put("present", s.present());
        }
        var mon = report.monitoring();
        if (mon == null) {
            root.putNull("monitoring");
        } else {
            ObjectNode mn = root.putObject("monitoring");
            mn.put("prometheus", mon.prometheus().publishedHost() + ":" + mon.prometheus().publishedPort());
            mn.put("verdict", mon.readiness() == Readiness.ACCEPTING ? "ready" : "not ready");
            if (mon.error() == null) {
                mn.putNull("error");
            } else {
                mn.put("error", mon.error());
            }
            ArrayNode firing = mn.putArray("firing");
            for (var a : mon.firing()) {
                ObjectNode an = firing.addObject().put("alert", a.name()).put("severity", a.labels().getOrDefault("severity", ""))
                        .put("summary", a.summary());
                an.put("service", a.labels().getOrDefault("service", "")).put("database", a.labels().getOrDefault("database", ""));
            }
            ArrayNode targets = mn.putArray("targets");
            mon.targets().forEach(t -> targets.addObject().put("job", t.job()).put("instance", t.labels().getOrDefault("instance", ""))
                    .put("health", t.health()).put("lastError", t.lastError()));
        }
        root.put("allAccepting", report.allAccepting());
        return m.writeValueAsString(root);
    }
}
