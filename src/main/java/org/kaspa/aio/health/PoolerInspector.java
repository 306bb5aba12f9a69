package org.kaspa.aio.health;

import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.ExecResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a PgBouncer's admin console (the virtual database {@code pgbouncer}) with the image's psql on the
 * container's own socket, which the generated hba file trusts for the console only: no password travels,
 * and it works the same for a remote engine. (pgjdbc cannot talk to the console: it always sends
 * extra_float_digits, which the console refuses.)
 */
public final class PoolerInspector {
    private final DockerEngine engine;

    public PoolerInspector(DockerEngine engine) {
        this.engine = engine;
    }

    public PoolerStatus.PoolFigures figures(DatabaseTarget pooler, String socketDir, int port) {
        int active = 0;
        int waiting = 0;
        int servers = 0;
        Table pools = table(pooler, socketDir, port, "SHOW POOLS");
        for (List<String> row : pools.rows()) {
            if (row.size() > 1 && pooler.database().equals(row.get(0))) {
                active += pools.at(row, "cl_active");
                waiting += pools.at(row, "cl_waiting");
                servers += pools.at(row, "sv_active") + pools.at(row, "sv_idle") + pools.at(row, "sv_used");
            }
        }
        long query = 0;
        long wait = 0;
        Table stats = table(pooler, socketDir, port, "SHOW STATS");
        for (List<String> row : stats.rows()) {
            if (row.size() > 1 && pooler.database().equals(row.get(0))) {
                query = stats.at(row, "avg_query_time");
                wait = stats.at(row, "avg_wait_time");
            }
        }
        return new PoolerStatus.PoolFigures(active, waiting, servers, query, wait);
    }

    /** What psql printed for one console command: its header and its rows, split on '|'. */
    private record Table(List<String> header, List<List<String>> rows) {
        int at(List<String> row, String column) {
            int i = header.indexOf(column);
            try {
                return i < 0 || i >= row.size() ? 0 : Integer.parseInt(row.get(i).strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    private Table table(DatabaseTarget pooler, String socketDir, int port, String command) {
        ExecResult r = engine.exec(pooler.container(), List.of("psql", "-h", socketDir, "-p", String.valueOf(port), "-U", pooler.user(),
                "-d", "pgbouncer", "-AX", "-F", "|", "-P", "footer=off", "-c", command));
        if (r.exitCode() != 0) {
            throw new IllegalStateException((r.stderr() + r.stdout()).strip().lines().findFirst().orElse("exit " + r.exitCode()));
        }
        List<String> lines = r.stdout().strip().lines().toList();
        List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).split("\\|", -1));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            rows.add(List.of(lines.get(i).split("\\|", -1)));
        }
        return new Table(header, rows);
    }
}
