package org.kaspa.aio.provision;

import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.ExecResult;

import java.util.ArrayList;
import java.util.List;

/**
 * psql inside a database container, over its local socket, which the image trusts: the server's own view
 * as the database's owner, no password. What replication upkeep and seeding ask the primary.
 */
record PrimaryShell(DockerEngine engine, String containerId, String user, String database) {

    /** Each statement runs on its own (psql -c after -c), in order; stops at the first error. */
    ExecResult psql(String... statements) {
        List<String> command = new ArrayList<>(List.of("psql", "-U", user, "-d", database, "-AtX", "-v", "ON_ERROR_STOP=1"));
        for (String sql : statements) {
            command.add("-c");
            command.add(sql);
        }
        return engine.exec(containerId, command);
    }

    /** The one value a query prints, or throws with its error line. */
    String value(String sql) {
        ExecResult r = psql(sql);
        if (r.exitCode() != 0) {
            throw new ApplyException("asking " + database + " failed: " + firstLine(r));
        }
        return r.stdout().strip();
    }

    static String firstLine(ExecResult r) {
        return (r.stderr() + r.stdout()).strip().lines().findFirst().orElse("exit " + r.exitCode());
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
