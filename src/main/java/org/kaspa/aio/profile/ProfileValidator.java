package org.kaspa.aio.profile;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The value rules of profile.json, checked before anything touches the engine. The first broken rule
 * is thrown as an {@link InvalidInputException} naming its JSON path; whether a port is busy on the host
 * needs the engine's view and is checked by the provisioner.
 */
public final class ProfileValidator {
    public static final int MIN_PORT = 1024;
    public static final int MAX_PORT = 65535;

    private static final Pattern IPV4 = Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$");
    // Docker's own rules for container and volume names.
    private static final Pattern DOCKER_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$");
    // Lowercase unquoted PostgreSQL identifier: what every tool (psql -U, connection URLs) takes unquoted.
    private static final Pattern PG_IDENTIFIER = Pattern.compile("^[a-z_][a-z0-9_]*$");
    private static final int PG_MAX_IDENTIFIER = 63;
    // Registry host[:port]/path[:tag][@digest], as docker parses image references.
    private static final Pattern IMAGE = Pattern.compile(
            "^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
                    + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$");
    private static final Set<String> RESERVED_ROLES = Set.of("public", "none", "current_user", "session_user", "current_role");
    private static final Set<String> RESERVED_DATABASES = Set.of("template0", "template1");

    private ProfileValidator() {
    }

    public static String memoryProblem(int memoryMb) {
        return memoryMb < DatabaseResources.MIN_MEMORY_MB ? "must be at least " + DatabaseResources.MIN_MEMORY_MB + " (MB; got " + memoryMb + ")" : null;
    }

    public static String cpusProblem(double cpus) {
        return !(cpus >= DatabaseResources.MIN_CPUS) || Double.isInfinite(cpus) ? "must be at least " + DatabaseResources.MIN_CPUS + " (got " + cpus + ")" : null;
    }

    /**
     * The shape of a setting only (its meaning is the server's to judge, before apply changes anything): a
     * PostgreSQL name, and a value on one line, since it is written into a configuration file.
     */
    public static String settingProblem(String name, String value) {
        if (!name.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?")) {
            return "is not a PostgreSQL setting name (lower-case letters, digits and _, an extension's with one dot)";
        }
        if (name.equals("config_file") || name.equals("data_directory") || name.equals("hba_file") || name.equals("include")) {
            return "is set by kaspa-aio itself and cannot be changed here";
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            return "must be on one line";
        }
        return null;
    }

    public static void validate(Profile profile) {
        String bind = profile.bindAddress();
        if (!isIpLiteral(bind)) {
            throw fail("bindAddress", "must be an IP address such as 127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces) (got '" + bind + "')");
        }
        Map<Integer, String> ports = new HashMap<>();
        Map<String, String> containers = new HashMap<>();
        Map<String, String> volumes = new HashMap<>();
        profile.services().forEach((id, service) -> {
            String base = "services." + id;
            if (service.database() != null) {
                DatabaseProfile db = service.database();
                String p = base + ".database";
                checkDockerName(p + ".container", db.container(), "container");
                checkImage(p + ".image", db.image());
                require(p + ".name", databaseNameProblem(db.name()));
                require(p + ".user", userProblem(db.user()));
                require(p + ".port", portProblem(db.port()));
                checkDockerName(p + ".volume", db.volume(), "volume");
                if (db.resources() != null) {
                    require(p + ".resources.memoryMb", memoryProblem(db.resources().memoryMb()));
                    require(p + ".resources.cpus", cpusProblem(db.resources().cpus()));
                }
                db.settings().forEach((name, value) -> require(p + ".settings." + name, settingProblem(name, value)));
                if (service.enabled()) {
                    unique(ports, db.port(), p + ".port", "port " + db.port());
                }
                if (db.pooler() != null) {
                    PoolerProfile pl = db.pooler();
                    String pp = p + ".pooler";
                    checkImage(pp + ".image", pl.image());
                    require(pp + ".port", portProblem(pl.port()));
                    require(pp + ".poolMode", PoolerProfile.POOL_MODES.contains(pl.poolMode()) ? null
                            : "must be one of " + String.join(", ", PoolerProfile.POOL_MODES) + " (got '" + pl.poolMode() + "')");
                    require(pp + ".maxClientConnections", pl.maxClientConnections() >= 1 && pl.maxClientConnections() <= 100_000 ? null
                            : "must be between 1 and 100000 (got " + pl.maxClientConnections() + ")");
                    require(pp + ".defaultPoolSize", pl.defaultPoolSize() >= 1 && pl.defaultPoolSize() <= 10_000 ? null
                            : "must be between 1 and 10000 (got " + pl.defaultPoolSize() + ")");
                    if (service.enabled() && pl.enabled()) {
                        unique(ports, pl.port(), pp + ".port", "port " + pl.port());
                    }
                }
                if (db.replicas() != null) {
                    ReplicasProfile r = db.replicas();
                    String rp = p + ".replicas";
                    require(rp + ".count", r.count() >= 0 && r.count() <= ReplicasProfile.MAX ? null
                            : "must be between 0 and " + ReplicasProfile.MAX + " (got " + r.count() + ")");
                    require(rp + ".ports", r.ports().size() >= r.count() ? null
                            : "needs a host port for each replica (count " + r.count() + ", " + r.ports().size() + " port"
                            + (r.ports().size() == 1 ? "" : "s") + ")");
                    for (int i = 0; i < r.ports().size(); i++) {
                        require(rp + ".ports[" + i + "]", portProblem(r.ports().get(i)));
                        if (service.enabled() && i < r.count()) {
                            unique(ports, r.ports().get(i), rp + ".ports[" + i + "]", "port " + r.ports().get(i));
                        }
                    }
                }
                // Names are unique whether a service is enabled or not: a disabled service's container is
                // removed by name, and its volume is kept by name.
                unique(containers, db.container(), p + ".container", "container name '" + db.container() + "'");
                unique(volumes, db.volume(), p + ".volume", "volume '" + db.volume() + "'");
                if (db.backups() != null) {
                    BackupsProfile b = db.backups();
                    String bp = p + ".backups";
                    require(bp + ".schedule", BackupSchedule.problem(b.schedule()));
                    require(bp + ".keepBase", b.keepBase() >= 1 && b.keepBase() <= BackupsProfile.MAX_KEEP_BASE ? null
                            : "must be between 1 and " + BackupsProfile.MAX_KEEP_BASE + " (got " + b.keepBase() + ")");
                    checkDockerName(bp + ".volume", b.volume(), "volume");
                    unique(volumes, b.volume(), bp + ".volume", "volume '" + b.volume() + "'");
                }
            }
            if (service.storage() != null) {
                String p = base + ".storage.volume";
                checkDockerName(p, service.storage().volume(), "volume");
                unique(volumes, service.storage().volume(), p, "volume '" + service.storage().volume() + "'");
            }
        });
        if (profile.monitoring() != null) {
            MonitoringProfile m = profile.monitoring();
            checkImage("monitoring.exporterImage", m.exporterImage());
            checkImage("monitoring.poolerExporterImage", m.poolerExporterImage());
            checkImage("monitoring.volumeExporterImage", m.volumeExporterImage());
            checkImage("monitoring.prometheus.image", m.prometheus().image());
            require("monitoring.prometheus.port", portProblem(m.prometheus().port()));
            require("monitoring.prometheus.retentionDays", m.prometheus().retentionDays() >= 1 && m.prometheus().retentionDays() <= 3650 ? null
                    : "must be between 1 and 3650 (got " + m.prometheus().retentionDays() + ")");
            checkImage("monitoring.grafana.image", m.grafana().image());
            require("monitoring.grafana.port", portProblem(m.grafana().port()));
            if (m.enabled()) {
                unique(ports, m.prometheus().port(), "monitoring.prometheus.port", "port " + m.prometheus().port());
                if (m.grafana().enabled()) {
                    unique(ports, m.grafana().port(), "monitoring.grafana.port", "port " + m.grafana().port());
                }
            }
        }
    }

    public static boolean isIpLiteral(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        if (IPV4.matcher(s).matches()) {
            return true;
        }
        if (!IPV6.matcher(s).matches()) {
            return false;
        }
        try {
            // Only reached with hex digits, colons and dots, so no name lookup can happen.
            return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * The password rule shared by secrets.json, rotate-password and the wizard. Quotes, '$', '@', ':', '/'
     * and inner spaces are allowed: every place a password goes escapes it (connection URLs are
     * percent-encoded, ALTER ROLE gets a client-side SCRAM verifier, files hold the raw bytes).
     */
    public static String passwordProblem(String password) {
        if (password == null || password.length() < 12) {
            return "must be at least 12 characters";
        }
        if (password.length() > 256) {
            return "must be at most 256 characters";
        }
        for (char c : password.toCharArray()) {
            if (Character.isISOControl(c)) {
                return "must not contain control characters such as newlines or tabs";
            }
        }
        if (Character.isWhitespace(password.charAt(0)) || Character.isWhitespace(password.charAt(password.length() - 1))) {
            return "must not start or end with a space";
        }
        return null;
    }

    private static void unique(Map<?, String> seen, Object key, String path, String what) {
        @SuppressWarnings("unchecked")
        Map<Object, String> m = (Map<Object, String>) seen;
        String other = m.putIfAbsent(key, path);
        if (other != null) {
            throw fail(path, what + " is already used by " + other);
        }
    }

    private static void checkDockerName(String path, String value, String what) {
        String problem = dockerNameProblem(value, what);
        if (problem != null) {
            throw fail(path, problem);
        }
    }

    private static void checkImage(String path, String value) {
        String problem = imageProblem(value);
        if (problem != null) {
            throw fail(path, problem);
        }
    }

    private static void checkIdentifier(String path, String value, String what) {
        String problem = identifierProblem(value, what);
        if (problem != null) {
            throw fail(path, problem);
        }
    }

    // Field rules, each returning the rule broken or null; shared by validate() and the wizard's inline checks.

    public static String dockerNameProblem(String value, String what) {
        return DOCKER_NAME.matcher(value).matches() ? null
                : what + " name must start with a letter or digit and use only letters, digits, '_', '.', '-' (at least 2 characters) (got '" + value + "')";
    }

    public static String imageProblem(String value) {
        return value.length() <= 255 && IMAGE.matcher(value).matches() ? null
                : "must be a Docker image reference such as timescale/timescaledb:latest-pg16 (got '" + value + "')";
    }

    public static String identifierProblem(String value, String what) {
        return PG_IDENTIFIER.matcher(value).matches() && value.length() <= PG_MAX_IDENTIFIER ? null
                : what + " must be a PostgreSQL identifier: lowercase letter or '_' first, then lowercase letters, digits or '_', at most "
                + PG_MAX_IDENTIFIER + " characters (got '" + value + "')";
    }

    public static String databaseNameProblem(String value) {
        String p = identifierProblem(value, "database name");
        return p != null ? p : RESERVED_DATABASES.contains(value) ? "'" + value + "' is a PostgreSQL template database" : null;
    }

    public static String userProblem(String value) {
        String p = identifierProblem(value, "user name");
        return p != null ? p : value.startsWith("pg_") || RESERVED_ROLES.contains(value)
                ? "'" + value + "' is reserved by PostgreSQL (no 'pg_' prefix, not public or none)" : null;
    }

    public static String portProblem(int port) {
        return port >= MIN_PORT && port <= MAX_PORT ? null : "must be between " + MIN_PORT + " and " + MAX_PORT + " (got " + port + ")";
    }

    private static void require(String path, String problem) {
        if (problem != null) {
            throw fail(path, problem);
        }
    }

    private static InvalidInputException fail(String path, String rule) {
        return new InvalidInputException(ProfileStore.SOURCE, path, rule);
    }
}
