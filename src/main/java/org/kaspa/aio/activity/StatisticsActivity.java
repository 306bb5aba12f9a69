package org.kaspa.aio.activity;

import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.ExecResult;
import org.kaspa.aio.profile.DatabaseProfile;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts' figures without Prometheus: each read samples the database's own statistics views with the
 * image's psql on the container's socket (no password travels; the same on a remote engine) and keeps the
 * samples in bounded series, so the history is what this window has seen since it opened. Transactions per
 * second is the commit counter's difference between two samples.
 */
public final class StatisticsActivity implements ActivitySource {
    private static final String SAMPLE = "SELECT (SELECT count(*) FROM pg_stat_activity WHERE datname IS NOT NULL), "
            + "(SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()), pg_database_size(current_database()), "
            + "(SELECT coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)), 0)::bigint FROM pg_stat_replication)";
    private final DockerEngine engine;
    private final int capacity;
    private final Map<String, Map<ActivityMetric, ActivitySeries>> history = new HashMap<>();
    private final Map<String, double[]> lastCommits = new HashMap<>();

    /** @param capacity points kept per figure (at one sample per 10 s, 2160 are six hours) */
    public StatisticsActivity(DockerEngine engine, int capacity) {
        this.engine = engine;
        this.capacity = capacity;
    }

    @Override
    public synchronized Map<ActivityMetric, List<double[]>> read(DatabaseProfile db, Duration window) {
        Map<ActivityMetric, ActivitySeries> series = history.computeIfAbsent(db.container(), c -> {
            Map<ActivityMetric, ActivitySeries> m = new EnumMap<>(ActivityMetric.class);
            for (ActivityMetric a : ActivityMetric.values()) {
                m.put(a, new ActivitySeries(capacity));
            }
            return m;
        });
        long now = System.currentTimeMillis() / 1000;
        ExecResult r = engine.exec(db.container(), List.of("psql", "-U", db.user(), "-d", db.name(), "-AtX", "-F", "|", "-c", SAMPLE));
        String[] f = r.exitCode() == 0 ? r.stdout().strip().split("\\|") : new String[0];
        if (f.length == 4) {
            series.get(ActivityMetric.CONNECTIONS).add(now, Double.parseDouble(f[0]));
            double commits = Double.parseDouble(f[1]);
            double[] last = lastCommits.put(db.container(), new double[]{now, commits});
            if (last != null && now > last[0] && commits >= last[1]) {
                series.get(ActivityMetric.TRANSACTIONS).add(now, (commits - last[1]) / (now - last[0]));
            }
            series.get(ActivityMetric.SIZE).add(now, Double.parseDouble(f[2]));
            series.get(ActivityMetric.REPLICATION_LAG).add(now, Double.parseDouble(f[3]));
        }
        // a database that does not answer adds nothing: its chart shows the gap
        Map<ActivityMetric, List<double[]>> out = new EnumMap<>(ActivityMetric.class);
        series.forEach((m, s) -> out.put(m, s.since(now - window.toSeconds())));
        return out;
    }

    @Override
    public String describe() {
        return "the databases' statistics views";
    }
}
