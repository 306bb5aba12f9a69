package org.kaspa.aio.provision;

import java.util.List;

/**
 * The service-level alerts, written once: Prometheus gets them as its rule file, {@code status} and the
 * Status view read the firing ones back from Prometheus, and the engine tests evaluate every expression
 * against the real test Prometheus. Labels {@code service} and {@code database} come from the scrape
 * configuration, so each alert names the database it is about.
 */
public final class AlertRules {
    /**
     * One rule: its name; the signal (a PromQL expression with a value per database whenever the stack
     * works) and the condition on it that fires; how long it must hold; severity; what a person reads.
     */
    public record Rule(String name, String signal, String condition, String holdFor, String severity, String summary) {
        /** The alert's expression: the signal with its condition. */
        public String expr() {
            return "(" + signal + ") " + condition;
        }
    }

    public static final String DATABASE_DOWN = "KaspaAioDatabaseDown";

    public static final List<Rule> RULES = List.of(
            // the exporter answers with pg_up 0 when the database does not; up 0 when the exporter itself is gone
            new Rule(DATABASE_DOWN, "min by (service, database) (pg_up * up{job=\"postgres\"} or up{job=\"postgres\"})", "== 0", "30s",
                    "critical", "{{ $labels.database }} is down"),
            new Rule("KaspaAioConnectionsHigh", "sum by (service, database) (pg_stat_activity_count) / on (service, database) "
                    + "max by (service, database) (pg_settings_max_connections)", "> 0.8", "2m", "warning",
                    "{{ $labels.database }} uses more than 80% of max_connections"),
            new Rule("KaspaAioReplicationLag", "max by (service, database) (pg_stat_replication_pg_wal_lsn_diff or on (service, database) "
                    + "(0 * pg_up))", "> 67108864", "2m", "warning",
                    "a read replica of {{ $labels.database }} lags more than 64 MB of WAL behind"));

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
