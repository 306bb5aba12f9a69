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
        for (List<String> row : rows(pooler, socketDir, port, "SHOW POOLS")) {
            // database|user|cl_active|cl_waiting|...|sv_active|sv_idle|sv_used|...
            if (row.size() > 1 && pooler.database().equals(row.get(0))) {
                active += at(row, header, "cl_active");
                waiting += at(row, header, "cl_waiting");
                servers += at(row, header, "sv_active") + at(row, header, "sv_idle") + at(row, header, "sv_used");
            }
        }
        long query = 0;
        long wait = 0;
        for (List<String> row : rows(pooler, socketDir, port, "SHOW STATS")) {
            if (row.size() > 1 && pooler.database().equals(row.get(0))) {
                query = at(row, header, "avg_query_time");
                wait = at(row, header, "avg_wait_time");
            }
        }
        return new PoolerStatus.PoolFigures(active, waiting, servers, query, wait);
    }

    private List<String> header = List.of();

    private List<List<String>> rows(DatabaseTarget pooler, String socketDir, int port, String command) {
        ExecResult r = engine.exec(pooler.container(), List.of("psql", "-h", socketDir, "-p", String.valueOf(port), "-U", pooler.user(),
                "-d", "pgbouncer", "-AX", "-F", "|", "-P", "footer=off", "-c", command));
        if (r.exitCode() != 0) {
            throw new IllegalStateException((r.stderr() + r.stdout()).strip().lines().findFirst().orElse("exit " + r.exitCode()));
        }
        List<List<String>> out = new ArrayList<>();
        List<String> lines = r.stdout().strip().lines().toList();
        header = lines.isEmpty() ? List.of() : List.of(lines.get(0).split("\\|", -1));
        for (int i = 1; i < lines.size(); i++) {
            out.add(List.of(lines.get(i).split("\\|", -1)));
        }
        return out;
    }

    private static int at(List<String> row, List<String> header, String column) {
        int i = header.indexOf(column);
        try {
            return i < 0 || i >= row.size() ? 0 : Integer.parseInt(row.get(i).strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
