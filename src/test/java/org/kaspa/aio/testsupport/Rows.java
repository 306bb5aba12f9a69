package org.kaspa.aio.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Real rows in a real database, written and counted with the real psql over TCP. */
public final class Rows {
    public static final String TABLE = "kaspa_aio_test_rows";

    private Rows() {
    }

    public static Proc.Result psql(int port, String user, String db, String password, String sql) {
        return Proc.run(List.of("psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", user, "-d", db,
                "-v", "ON_ERROR_STOP=1", "-tAc", sql), Map.of("PGPASSWORD", password), Duration.ofSeconds(60));
    }

    public static void write(int port, String user, String db, String password, int n) {
        Proc.Result r = psql(port, user, db, password, "create table if not exists " + TABLE
                + " (id serial primary key, note text); insert into " + TABLE + " (note) select 'row ' || g from generate_series(1, " + n + ") g");
        assertEquals(0, r.exitCode(), r.toString());
    }

    public static int count(int port, String user, String db, String password) {
        Proc.Result r = psql(port, user, db, password, "select count(*) from " + TABLE);
        assertEquals(0, r.exitCode(), r.toString());
        return Integer.parseInt(r.stdout().trim());
    }
}
