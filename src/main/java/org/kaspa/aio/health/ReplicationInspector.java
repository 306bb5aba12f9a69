package org.kaspa.aio.health;

import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.ExecResult;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a primary's pg_stat_replication with the image's psql on the container's own socket (trusted by
 * the image; no password travels, and it works the same on a remote engine). Replicas are told apart by
 * their application_name, which is their container's name.
 */
public final class ReplicationInspector {
    private final DockerEngine engine;

    public ReplicationInspector(DockerEngine engine) {
        this.engine = engine;
    }

    /** One WAL sender as the primary sees it. */
    public record Sender(String state, long lagBytes, double lagSeconds) {
    }

    /** By replica container name; empty when no replica is connected. */
    public Map<String, Sender> senders(String primaryContainer, String user, String database) {
        ExecResult r = engine.exec(primaryContainer, List.of("psql", "-U", user, "-d", database, "-AtX", "-F", "|", "-c",
                "SELECT application_name, state, coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0)::bigint, "
                        + "coalesce(extract(epoch FROM replay_lag), 0) FROM pg_stat_replication"));
        if (r.exitCode() != 0) {
            throw new IllegalStateException((r.stderr() + r.stdout()).strip().lines().findFirst().orElse("exit " + r.exitCode()));
        }
        Map<String, Sender> out = new HashMap<>();
        for (String line : r.stdout().strip().lines().toList()) {
            String[] f = line.split("\\|", -1);
            if (f.length == 4) {
                out.put(f[0], new Sender(f[1], Long.parseLong(f[2]), Double.parseDouble(f[3])));
            }
        }
        return out;
    }
}
