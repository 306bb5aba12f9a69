package org.kaspa.aio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kaspa.aio.health.DatabaseStatus;
import org.kaspa.aio.health.PoolerStatus;
import org.kaspa.aio.health.Readiness;
import org.kaspa.aio.health.StatusReport;
import org.kaspa.aio.health.StorageStatus;

import java.util.List;
import java.util.Set;

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
        if (json) {
            ctx.out().println(toJson(report));
        } else {
            printText(report, ctx);
        }
        List<String> down = new java.util.ArrayList<>(report.databases().stream().filter(d -> d.readiness() != Readiness.ACCEPTING)
                .map(d -> d.target().container() + " (" + d.readiness().text() + ")").toList());
        report.poolers().stream().filter(p -> p.readiness() != Readiness.ACCEPTING)
                .forEach(p -> down.add(p.target().container() + " (" + p.readiness().text() + ")"));
        List<String> lockedOut = report.databases().stream().filter(d -> d.login().equals(DatabaseStatus.LOGIN_REFUSED))
                .map(d -> d.target().container() + " (" + d.target().serviceId() + ")").toList();
        if (!down.isEmpty()) {
            ctx.err().println("kaspa-aio: not accepting connections: " + String.join(", ", down));
        }
        if (!lockedOut.isEmpty()) {
            ctx.err().println("kaspa-aio: the stored password is refused by: " + String.join(", ", lockedOut)
                    + " (put back the secrets.json the data was created with, or 'kaspa-aio rotate-password <service> --reset')");
        }
        return down.isEmpty() && lockedOut.isEmpty() ? 0 : 1;
    }

    private static void printText(StatusReport report, CliContext ctx) {
        for (DatabaseStatus d : report.databases()) {
            var t = d.target();
            ctx.out().printf("%s (%s): %s on %s%n", t.container(), t.serviceId(), d.readiness().text(), t.endpoint().describe());
            ctx.out().printf("  login with the stored password: %s%n", d.login());
            ctx.out().printf("  container: %s; in container: %s%n", d.containerState(),
                    d.inContainer() == null ? "not checked" : d.inContainer().output());
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
    }

    /** "2048 MB memory, 1.5 CPUs, /dev/shm 1024 MB", or what the engine defaults to. */
    static String limitsText(DatabaseStatus.Limits r) {
        if (r == null) {
            return "no container";
        }
        return (r.memoryMb() == 0 ? "no memory limit" : r.memoryMb() + " MB memory") + ", "
                + (r.cpus() == 0 ? "no CPU limit" : r.cpus() + " CPUs") + ", /dev/shm " + r.shmMb() + " MB";
    }

    static String toJson(StatusReport report) throws Exception {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        ArrayNode dbs = root.putArray("databases");
        for (DatabaseStatus d : report.databases()) {
            ObjectNode n = dbs.addObject();
            n.put("service", d.target().serviceId());
            n.put("container", d.target().container());
            n.put("host", d.target().endpoint().publishedHost());
            n.put("port", d.target().endpoint().publishedPort());
            n.put("checkedThrough", d.target().endpoint().checkedThrough());
            n.put("verdict", d.readiness().text());
            n.put("exitCode", d.readiness().exitCode());
            n.put("containerState", d.containerState());
            n.put("login", d.login());
            if (d.inContainer() == null) {
                n.putNull("inContainer");
            } else {
                n.putObject("inContainer").put("exitCode", d.inContainer().exitCode()).put("output", d.inContainer().output());
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
            n.put("container", p.target().container());
            n.put("host", p.target().endpoint().publishedHost());
            n.put("port", p.target().endpoint().publishedPort());
            n.put("checkedThrough", p.target().endpoint().checkedThrough());
            n.put("verdict", p.readiness().text());
            n.put("exitCode", p.readiness().exitCode());
            n.put("containerState", p.containerState());
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
        root.put("allAccepting", report.allAccepting());
        return m.writeValueAsString(root);
    }
}
