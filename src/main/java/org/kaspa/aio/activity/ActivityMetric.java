package org.kaspa.aio.activity;

import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.provision.DashboardPanels;

/**
 * What the Status view charts per database. Each is read from Prometheus with the query of its Grafana
 * panel ({@link DashboardPanels}, so the two never disagree), or sampled from the database's own statistics
 * views when monitoring is off ({@link StatisticsActivity}). Values are raw (count, per second, bytes);
 * {@code scale} turns them into the unit the chart shows.
 */
public enum ActivityMetric {
    CONNECTIONS("Connections", "", 1, "Connections", "connections"),
    TRANSACTIONS("Transactions/s", "", 1, "Transactions per second", "commits"),
    SIZE("Size", "MB", 1.0 / (1 << 20), "Database size", "size"),
    REPLICATION_LAG("Replica lag", "kB", 1.0 / 1024, "Replication lag", "most behind");

    private final String title;
    private final String unit;
    private final double scale;
    private final String panel;
    private final String legend;

    ActivityMetric(String title, String unit, double scale, String panel, String legend) {
        this.title = title;
        this.unit = unit;
        this.scale = scale;
        this.panel = panel;
        this.legend = legend;
    }

    public String title() {
        return unit.isEmpty() ? title : title + " (" + unit + ")";
    }

    public double scale() {
        return scale;
    }

    /** The PromQL of this figure for one database: its dashboard panel's query. */
    public String promql(DatabaseProfile db) {
        return DashboardPanels.PANELS.stream().filter(p -> p.title().equals(panel)).flatMap(p -> p.queries().stream())
                .filter(q -> q.legend().equals(legend)).findFirst().orElseThrow(() -> new IllegalStateException(panel + " / " + legend))
                .forDatabase(db.container(), db.name());
    }
}
