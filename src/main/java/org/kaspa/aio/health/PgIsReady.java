package org.kaspa.aio.health;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * pg_isready's parameter handling on top of {@link ReadinessProbe}: defaults from PGHOST/PGPORT/PGUSER/
 * PGDATABASE like libpq, the port and -t parsed as libpq 15's parse_int_param does (a bad value is
 * "no response", never an attempt), comma-separated host lists tried in order, and the output line
 * printing host and port exactly as given.
 */
public final class PgIsReady {
    public static final String DEFAULT_PORT = "5432";
    public static final String DEFAULT_TIMEOUT = "3";

    private final ReadinessProbe probe = new ReadinessProbe();

    public record Target(String host, String port, String user, String database, String timeout, ReadinessProbe.SslMode ssl) {
        public Target(String host, String port, String user, String database, String timeout) {
            this(host, port, user, database, timeout, ReadinessProbe.SslMode.PREFER);
        }

        /** Fills what was not given from the environment, as libpq does. */
        public static Target withDefaults(String host, String port, String user, String database, String timeout,
                                          Map<String, String> env, String osUser) {
            String h = host != null ? host : env.getOrDefault("PGHOST", ReadinessProbe.DEFAULT_SOCKET_DIR);
            String p = port != null ? port : env.getOrDefault("PGPORT", DEFAULT_PORT);
            String u = user != null ? user : env.getOrDefault("PGUSER", osUser);
            String d = database != null ? database : env.getOrDefault("PGDATABASE", u);
            return new Target(h, p, u, d, timeout != null ? timeout : DEFAULT_TIMEOUT, ReadinessProbe.SslMode.of(env.get("PGSSLMODE")));
        }

        /** {@code host:port}, the way pg_isready prints them. */
        public String display() {
            return host + ":" + port;
        }
    }

    public Readiness check(Target t) {
        Optional<Integer> port = parseInt(t.port());
        Optional<Integer> timeout = parseInt(t.timeout());
        if (port.isEmpty() || timeout.isEmpty()) {
            return Readiness.NO_RESPONSE;
        }
        // connect_timeout: zero or negative waits forever, and libpq raises 1 to 2 seconds.
        int seconds = timeout.get() <= 0 ? 0 : Math.max(2, timeout.get());
        // libpq tries the next host after a refusal, a timeout or a hang-up, but not after nonsense
        for (String host : t.host().split(",", -1)) {
            ReadinessProbe.Outcome o = probe.attempt(host, port.get(), t.user(), t.database(), Duration.ofSeconds(seconds), t.ssl());
            if (o.readiness() != Readiness.NO_RESPONSE || o.giveUp()) {
                return o.readiness();
            }
        }
        return Readiness.NO_RESPONSE;
    }

    public static String line(Target t, Readiness r) {
        return t.display() + " - " + r.text();
    }

    /** libpq's parse_int_param: strtol with surrounding white space, nothing else after the digits. */
    static Optional<Integer> parseInt(String value) {
        String s = value.strip();
        if (s.isEmpty() || !s.matches("[+-]?\\d+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(s.startsWith("+") ? s.substring(1) : s));
        } catch (NumberFormatException overflow) {
            return Optional.empty();
        }
    }
}
