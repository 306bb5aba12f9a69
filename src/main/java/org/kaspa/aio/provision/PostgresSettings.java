package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.ContainerInfo;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.ExecResult;
import org.kaspa.aio.profile.DatabaseResources;
import org.kaspa.aio.profile.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A database's PostgreSQL settings as a live file: {@link #CONF_PATH}, which the server reads as its
 * {@code config_file}. It first includes the data directory's own postgresql.conf (so what initdb and the
 * image wrote there still counts) and then sets ours, so ours win; ALTER SYSTEM's postgresql.auto.conf
 * still comes last, as always. A change is checked by the server program of the same image before
 * anything changes, and then reloaded, or restarted for what only a restart takes.
 */
public final class PostgresSettings implements LiveReconfiguration {
    public static final String CONF_PATH = "/etc/kaspa-aio/postgresql.conf";
    /** Checks already passed in this process: the same image and settings are not checked twice. */
    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();

    private final String serviceId;
    private final String image;
    private final String user;
    private final String database;
    private final Map<String, String> effective;
    private final Set<String> explicit;
    private final DatabaseResources resources;
    private final String profilePath;
    /** Files included after our settings (a replica's connection to its primary, which holds a password). */
    private final List<String> includes;

    /**
     * @param effective   the settings the server gets: derived, with the explicit ones over them
     * @param explicit    names the profile sets itself (an error about one of them names its field)
     * @param profilePath {@code services.<id>.database}
     */
    public PostgresSettings(String serviceId, String image, String user, String database, Map<String, String> effective,
                            Set<String> explicit, DatabaseResources resources, String profilePath) {
        this(serviceId, image, user, database, effective, explicit, resources, profilePath, List.of());
    }

    private PostgresSettings(String serviceId, String image, String user, String database, Map<String, String> effective,
                             Set<String> explicit, DatabaseResources resources, String profilePath, List<String> includes) {
        this.includes = List.copyOf(includes);
        this.serviceId = serviceId;
        this.image = image;
        this.user = user;
        this.database = database;
        this.effective = new LinkedHashMap<>(effective);
        this.explicit = Set.copyOf(explicit);
        this.resources = resources;
        this.profilePath = profilePath;
    }

    /**
     * The same settings with {@code more} over them and the file {@code include} read after them: what a
     * replica runs with (it must run with at least its primary's limits, so it gets the same settings).
     */
    public PostgresSettings with(Map<String, String> more, String include) {
        Map<String, String> all = new LinkedHashMap<>(effective);
        all.putAll(more);
        List<String> files = new ArrayList<>(includes);
        files.add(include);
        return new PostgresSettings(serviceId, image, user, database, all, explicit, resources, profilePath, files);
    }

    public Map<String, String> effective() {
        return java.util.Collections.unmodifiableMap(effective);
    }

    /** The configuration file; {@code dataPath} is the data directory whose postgresql.conf it includes first. */
    public ContainerFile file(String dataPath) {
        StringBuilder conf = new StringBuilder();
        conf.append("# Written by kaspa-aio from profile.json (").append(profilePath).append(".resources and .settings);\n");
        conf.append("# replaced on every apply: change profile.json, not this file.\n");
        conf.append("include_if_exists = ").append(quote(dataPath + "/postgresql.conf")).append('\n');
        effective.forEach((k, v) -> conf.append(k).append(" = ").append(quote(v)).append('\n'));
        includes.forEach(f -> conf.append("include_if_exists = ").append(quote(f)).append('\n'));
        return new ContainerFile(CONF_PATH, conf.toString().getBytes(StandardCharsets.UTF_8), 0644, false, true);
    }

    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** Our settings as the file says them (the include line aside). */
    static Map<String, String> parse(String conf) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : conf.split("\n")) {
            int eq = line.indexOf(" = ");
            if (line.startsWith("#") || eq < 0 || line.startsWith("include_if_exists")) {
                continue;
            }
            String v = line.substring(eq + 3).strip();
            if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
                v = v.substring(1, v.length() - 1).replace("''", "'").replace("\\\\", "\\");
            }
            out.put(line.substring(0, eq).strip(), v);
        }
        return out;
    }

    private String pathOf(String name) {
        return explicit.contains(name) ? profilePath + ".settings." + name : profilePath + ".resources";
    }

    @Override
    public void check(DockerEngine engine, Optional<ContainerInfo> current) {
        String key = image + "\n" + effective + "\n" + (resources == null ? "" : resources.memoryMb());
        if (CHECKED.contains(key)) {
            return;
        }
        Map<String, String> core = new LinkedHashMap<>();
        List<String> extension = new ArrayList<>();
        effective.forEach((k, v) -> {
            if (k.contains(".")) {
                extension.add(k);
            } else {
                core.put(k, v);
            }
        });
        // the server program of this very image parses every value with its own rules (names, units, ranges)
        // and prints shared_buffers as it would run with it; no data directory is opened
        List<String> command = new ArrayList<>(List.of("postgres", "--config-file=/dev/null", "-D", "/tmp", "-C", "shared_buffers"));
        core.forEach((k, v) -> {
            command.add("-c");
            command.add(k + "=" + v);
        });
        ExecResult r = engine.runHelper(image, "postgres", command, Labels.of(serviceId, Labels.ROLE_HELPER));
        if (r.exitCode() != 0) {
            // "2026-11-28 11:36:57.785 GMT [1] FATAL:  unrecognized configuration parameter "shared_bufers""
            List<String> lines = (r.stderr() + "\n" + r.stdout()).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            String message = lines.stream().filter(l -> l.contains("FATAL:") || l.contains("ERROR:")).findFirst()
                    .map(l -> l.replaceFirst("^.*?(FATAL|ERROR):\\s+", ""))
                    .orElse(lines.isEmpty() ? "exit " + r.exitCode() : lines.get(lines.size() - 1));
            String name = core.keySet().stream().filter(n -> message.contains("\"" + n + "\"")).findFirst().orElse(null);
            throw new InvalidInputException("profile.json", name == null ? profilePath + ".settings" : pathOf(name),
                    "PostgreSQL (" + image + ") refuses it: " + message + "; nothing was changed");
        }
        long sharedKb = kilobytes(r.stdout().strip());
        if (resources != null && sharedKb >= resources.memoryMb() * 1024L) {
            throw new InvalidInputException("profile.json", pathOf("shared_buffers"), "shared_buffers " + effective.get("shared_buffers")
                    + " does not fit in the memory limit of " + resources.memoryMb() + " MB (" + profilePath
                    + ".resources.memoryMb); nothing was changed");
        }
        if (!extension.isEmpty()) {
            checkExtensionSettings(engine, current, extension);
        }
        CHECKED.add(key);
    }

    /**
     * A dotted name belongs to an extension, which only a running server with it loaded knows; without one,
     * only TimescaleDB's (the default image's extension) are accepted.
     */
    private void checkExtensionSettings(DockerEngine engine, Optional<ContainerInfo> current, List<String> names) {
        Set<String> known;
        if (current.isPresent() && current.get().running()) {
            ExecResult r = psql(engine, current.get().id(), "select name from pg_settings where name in (" + literals(names) + ")");
            known = r.exitCode() == 0 ? r.stdout().lines().map(String::strip).collect(Collectors.toSet()) : Set.of();
        } else {
            known = names.stream().filter(n -> n.startsWith("timescaledb.")).collect(Collectors.toSet());
        }
        for (String n : names) {
            if (!known.contains(n)) {
                throw new InvalidInputException("profile.json", pathOf(n), "unknown setting: no extension loaded in "
                        + (current.isPresent() && current.get().running() ? "the running server" : image) + " defines it; nothing was changed");
            }
        }
    }

    @Override
    public Change compare(DockerEngine engine, ContainerInfo current) {
        Map<String, String> before = engine.readFile(current.id(), CONF_PATH)
                .map(b -> parse(new String(b, StandardCharsets.UTF_8))).orElse(Map.of());
        Set<String> changed = new TreeSet<>();
        effective.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                changed.add(k);
            }
        });
        before.keySet().stream().filter(k -> !effective.containsKey(k)).forEach(changed::add);
        if (changed.isEmpty() || !current.running()) {
            return new Change(List.copyOf(changed), List.of());
        }
        ExecResult r = psql(engine, current.id(), "select name || '=' || context from pg_settings where name in (" + literals(changed) + ")");
        Map<String, String> context = new LinkedHashMap<>();
        r.stdout().lines().map(String::strip).filter(l -> l.contains("=")).forEach(l -> context.put(l.substring(0, l.indexOf('=')),
                l.substring(l.indexOf('=') + 1)));
        List<String> reloaded = new ArrayList<>();
        List<String> restart = new ArrayList<>();
        for (String n : changed) {
            // unknown to the running server (an extension's, or gone): only a restart is sure to apply it
            String c = context.getOrDefault(n, "postmaster");
            (c.equals("postmaster") || c.equals("internal") ? restart : reloaded).add(n);
        }
        return new Change(reloaded, restart);
    }

    @Override
    public void reload(DockerEngine engine, String containerId) {
        ExecResult r = psql(engine, containerId, "select pg_reload_conf()");
        if (r.exitCode() != 0 || !r.stdout().strip().equals("t")) {
            throw new ApplyException("reloading the settings failed: " + (r.stderr() + r.stdout()).strip().lines().findFirst().orElse("exit " + r.exitCode()));
        }
    }

    /** psql over the container's local socket, which the image trusts: the server's own view, no password. */
    private ExecResult psql(DockerEngine engine, String containerId, String sql) {
        return engine.exec(containerId, List.of("psql", "-U", user, "-d", database, "-AtX", "-v", "ON_ERROR_STOP=1", "-c", sql));
    }

    private static String literals(java.util.Collection<String> names) {
        return names.stream().map(n -> "'" + n.replace("'", "''") + "'").collect(Collectors.joining(","));
    }

    /** "128MB" → 131072; a bare number is PostgreSQL's unit for shared_buffers, 8 kB pages. */
    static long kilobytes(String value) {
        var m = java.util.regex.Pattern.compile("(\\d+)\\s*(kB|MB|GB|TB)?").matcher(value);
        if (!m.matches()) {
            return 0;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "" : m.group(2)) {
            case "kB" -> n;
            case "MB" -> n * 1024;
            case "GB" -> n * 1024 * 1024;
            case "TB" -> n * 1024 * 1024 * 1024;
            default -> n * 8;
        };
    }
}
