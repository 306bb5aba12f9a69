package org.kaspa.aio.health;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads, over JDBC from the host, which of an indexer's expected tables exist and the TimescaleDB
 * version. Read-only: it never creates anything (the indexers own their schema).
 */
public final class SchemaInspector {

    /** @param settings the values the server runs with ({@code SHOW}) of {@link #SHOWN_SETTINGS} */
    public record Schema(Set<String> presentTables, String timescaledbVersion, java.util.Map<String, String> settings) {
    }

    /** The settings status shows: the ones the installer sizes. */
    public static final List<String> SHOWN_SETTINGS = List.of("shared_buffers", "effective_cache_size", "work_mem",
            "maintenance_work_mem", "max_wal_size", "max_worker_processes", "max_parallel_workers");

    public Schema inspect(DatabaseTarget t, String password, List<String> expectedTables) throws SQLException {
        try (Connection c = t.connect(password, "kaspa-aio status", 5, 10)) {
            c.setReadOnly(true);
            Set<String> present = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                            + "where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') "
                            + "and c.relname = any(?)")) {
                Array names = c.createArrayOf("text", expectedTables.toArray());
                ps.setArray(1, names);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        present.add(rs.getString(1));
                    }
                }
            }
            String version = null;
            try (PreparedStatement ps = c.prepareStatement("select extversion from pg_extension where extname = 'timescaledb'");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    version = rs.getString(1);
                }
            }
            java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select n, current_setting(n) from unnest(?::text[]) with ordinality as s(n, i) order by i")) {
                ps.setArray(1, c.createArrayOf("text", SHOWN_SETTINGS.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        settings.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return new Schema(present, version, settings);
        }
    }

    static List<String> missing(List<String> expected, Set<String> present) {
        List<String> out = new ArrayList<>();
        for (String t : expected) {
            if (!present.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }
}
