package org.kaspa.aio.provision;

import org.kaspa.aio.profile.DatabaseProfile;

import java.util.List;

/**
 * What a person looks at per database, written once: Grafana's dashboards are generated from it, the
 * engine tests run every query against the real test Prometheus, and the alert rules ({@link AlertRules})
 * use the same metric names. {@code %1$s} in a query is the database's container (the {@code database}
 * label the scrape configuration gives), {@code %2$s} its PostgreSQL database name ({@code datname}).
 */
public final class DashboardPanels {
    /** What a panel needs to have data: nothing more than the database, its pooler, or read replicas. */
    public enum Needs { DATABASE, POOLER, REPLICAS }

    /** One panel: its title, unit (Grafana's), queries, each with its legend, and what it needs to have data. */
    public record Panel(String title, String unit, List<Query> queries, Needs needs) {
        Panel(String title, String unit, List<Query> queries) {
            this(title, unit, queries, Needs.DATABASE);
        }

        /** Whether a database of this shape gives the panel data (a pooler panel for a database without one would stay empty). */
        public boolean appliesTo(DatabaseProfile db) {
            return switch (needs) {
                case DATABASE -> true;
                case POOLER -> db.pooled();
                case REPLICAS -> db.replicaCount() > 0;
            };
        }
    }

    public record Query(String promql, String legend) {
        /** The query for one database. */
        public String forDatabase(String container, String datname) {
            return String.format(promql, container, datname);
        }
    }

    public static final List<Panel> PANELS = List.of(
            new Panel("Up", "none", List.of(new Query("min(pg_up{database=\"%1$s\"})", "up"))),
            new Panel("Connections", "none", List.of(
                    new Query("sum(pg_stat_activity_count{database=\"%1$s\"})", "connections"),
                    new Query("max(pg_settings_max_connections{database=\"%1$s\"})", "max_connections"))),
            new Panel("Transactions per second", "ops", List.of(
                    new Query("sum(rate(pg_stat_database_xact_commit{database=\"%1$s\",datname=\"%2$s\"}[1m]))", "commits"),
                    new Query("sum(rate(pg_stat_database_xact_rollback{database=\"%1$s\",datname=\"%2$s\"}[1m]))", "rollbacks"))),
            new Panel("Rows per second", "ops", List.of(
                    new Query("sum(rate(pg_stat_database_tup_inserted{database=\"%1$s\",datname=\"%2$s\"}[1m]))", "inserted"),
                    new Query("sum(rate(pg_stat_database_tup_updated{database=\"%1$s\",datname=\"%2$s\"}[1m]))", "updated"),
                    new Query("sum(rate(pg_stat_database_tup_fetched{database=\"%1$s\",datname=\"%2$s\"}[1m]))", "fetched"))),
            new Panel("Cache hit ratio", "percentunit", List.of(new Query(
                    "sum(rate(pg_stat_database_blks_hit{database=\"%1$s\",datname=\"%2$s\"}[5m])) / clamp_min(sum(rate(pg_stat_database_blks_hit"
                            + "{database=\"%1$s\",datname=\"%2$s\"}[5m])) + sum(rate(pg_stat_database_blks_read{database=\"%1$s\",datname=\"%2$s\"}[5m])), 1)",
                    "hit ratio"))),
            new Panel("Database size", "bytes", List.of(
                    new Query("sum(pg_database_size_bytes{database=\"%1$s\",datname=\"%2$s\"})", "size"),
                    new Query("sum(deriv(pg_database_size_bytes{database=\"%1$s\",datname=\"%2$s\"}[15m]))", "growth per second"))),
            new Panel("Disk under the volume", "bytes", List.of(
                    new Query("min(node_filesystem_avail_bytes{job=\"volumes\",database=\"%1$s\"})", "free"),
                    new Query("min(node_filesystem_size_bytes{job=\"volumes\",database=\"%1$s\"})", "size"))),
            new Panel("Locks", "none", List.of(new Query("sum(pg_locks_count{database=\"%1$s\",datname=\"%2$s\"})", "locks"))),
            // pg_wal_position_bytes: ExporterComponents' own query (the exporters' built-in metrics have no WAL position)
            new Panel("WAL rate", "Bps", List.of(new Query("sum(rate(pg_wal_position_bytes{database=\"%1$s\"}[1m]))", "WAL written"))),
            new Panel("Replication lag", "bytes", List.of(new Query(
                    "max(pg_stat_replication_pg_wal_lsn_diff{database=\"%1$s\"} or on() vector(0))", "most behind"))),
            new Panel("Replication lag per replica", "bytes", List.of(new Query(
                    "max by (application_name) (pg_stat_replication_pg_wal_lsn_diff{database=\"%1$s\"})", "{{application_name}}")),
                    Needs.REPLICAS),
            new Panel("Pooler clients", "none", List.of(
                    new Query("sum(pgbouncer_pools_client_active_connections{database=\"%1$s\"})", "active"),
                    new Query("sum(pgbouncer_pools_client_waiting_connections{database=\"%1$s\"})", "waiting"),
                    new Query("max(pgbouncer_pools_client_maxwait_seconds{database=\"%1$s\"})", "longest wait (s)")),
                    Needs.POOLER));

    private DashboardPanels() {
    }

    /** The panels a database of this shape has data for. */
    public static List<Panel> of(DatabaseProfile db) {
        return PANELS.stream().filter(p -> p.appliesTo(db)).toList();
    }
}
