package org.kaspa.aio.provision;

import java.util.List;

/**
 * The service-level alerts, written once: Prometheus gets them as its rule file, {@code status} and the
 * Status view read the firing ones back from Prometheus, and the engine tests evaluate every expression
 * against the real test Prometheus. Labels {@code service} and {@code database} come from the scrape
 * configuration (the backup agents' metrics carry them themselves), so each alert names the database it is
 * about. A signal has a value per database whenever the stack works; the backup rules', per database with
 * backups on.
 */
public final class AlertRules {
    /**
     * One rule: its name; the signal (a PromQL expression with a value per database whenever the stack
     * works) and the condition on it that fires; how long it must hold; severity; what a person reads; and a
     * guard, a PromQL expression per database that must also hold (null for none).
     */
    public record Rule(String name, String signal, String condition, String holdFor, String severity, String summary, String guard) {
        Rule(String name, String signal, String condition, String holdFor, String severity, String summary) {
            this(name, signal, condition, holdFor, severity, summary, null);
        }

        /** The alert's expression: the signal with its condition (and its guard). */
        public String expr() {
            return "(" + signal + ") " + condition + (guard == null ? "" : " and on (database) (" + guard + ")");
        }
    }

    public static final String DATABASE_DOWN = "KaspaAioDatabaseDown";
    public static final String POOLER_DOWN = "KaspaAioPoolerDown";
    public static final String DISK_FILLING = "KaspaAioDiskFilling";
    public static final String DISK_FULL_SOON = "KaspaAioDiskFullWithinADay";
    public static final String BACKUP_FAILED = "KaspaAioBackupFailed";
    public static final String BACKUP_OVERDUE = "KaspaAioBackupOverdue";

    public static final List<Rule> RULES = List.of(
            // the exporter answers with pg_up 0 when the database does not; up 0 when the exporter itself is gone
            new Rule(DATABASE_DOWN, "min by (service, database) (pg_up * up{job=\"postgres\"} or up{job=\"postgres\"})", "== 0", "30s",
                    "critical", "{{ $labels.database }} is down"),
            // likewise for PgBouncer: pgbouncer_up 0 when the exporter cannot read its admin console
            new Rule(POOLER_DOWN, "min by (service, database) (pgbouncer_up * up{job=\"pgbouncer\"} or up{job=\"pgbouncer\"})", "== 0", "30s",
                    "critical", "the pooler of {{ $labels.database }} is down"),
            new Rule("KaspaAioConnectionsHigh", "sum by (service, database) (pg_stat_activity_count) / on (service, database) "
                    + "max by (service, database) (pg_settings_max_connections)", "> 0.8", "2m", "warning",
                    "{{ $labels.database }} uses more than 80% of max_connections"),
            new Rule("KaspaAioReplicationLag", "max by (service, database) (pg_stat_replication_pg_wal_lsn_diff or on (service, database) "
                    + "(0 * pg_up))", "> 67108864", "2m", "warning",
                    "a read replica of {{ $labels.database }} lags more than 64 MB of WAL behind"),
            // the disk under a database's volume: nearly full now, or on course to be full within a day
            new Rule(DISK_FILLING, "min by (database) (node_filesystem_avail_bytes{job=\"volumes\"} / node_filesystem_size_bytes{job=\"volumes\"})",
                    "< 0.10", "5m", "warning", "the disk under {{ $labels.database }}'s volume has less than 10% free"),
            // a trend needs history: a few minutes' burst (an import, a pgbench -i) says nothing of a day,
            // so the prediction counts only once there is an hour of samples (360 at 10 s)
            new Rule(DISK_FULL_SOON, "min by (database) (predict_linear(node_filesystem_avail_bytes{job=\"volumes\"}[6h], 86400))", "< 0", "30m",
                    "warning", "at the last hours' rate the disk under {{ $labels.database }}'s volume is full within a day",
                    "min by (database) (count_over_time(node_filesystem_avail_bytes{job=\"volumes\"}[6h])) >= 360"),
            // the backup agents' own account (their metrics file, through the volume exporter), per database with
            // backups on: the last attempt failed, or no success for more than twice the schedule's longest gap
            new Rule(BACKUP_FAILED, "max by (service, database) (kaspa_aio_backup_last_failure_timestamp_seconds"
                    + " - kaspa_aio_backup_last_success_timestamp_seconds)", "> 0", "0s", "warning",
                    "the last base backup of {{ $labels.database }} failed"),
            // a database whose first backup has not succeeded yet is the failed alert's (or still starting)
            new Rule(BACKUP_OVERDUE, "max by (service, database) ((time() - kaspa_aio_backup_last_success_timestamp_seconds)"
                    + " / kaspa_aio_backup_interval_seconds)", "> 2", "5m", "warning",
                    "no base backup of {{ $labels.database }} for more than twice its schedule's interval",
                    "max by (database) (kaspa_aio_backup_last_success_timestamp_seconds) > 0"));

    private AlertRules() {
    }

    /** Prometheus's rule file. */
    public static String ruleFile() {
        StringBuilder y = new StringBuilder("# Written by kaspa-aio (AlertRules); replaced on every apply.\ngroups:\n  - name: kaspa-aio\n    rules:\n");
        for (Rule r : RULES) {
            y.append("      - alert: ").append(r.name()).append('\n');
            y.append("        expr: ").append(quote(r.expr())).append('\n');
            y.append("        for: ").append(r.holdFor()).append('\n');
            y.append("        labels:\n          severity: ").append(r.severity()).append('\n');
            y.append("        annotations:\n          summary: ").append(quote(r.summary())).append('\n');
        }
        return y.toString();
    }

    /** A YAML double-quoted scalar (JSON's escapes are YAML's). */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
