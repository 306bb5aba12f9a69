package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerInfo;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.ExecResult;
import org.kaspa.aio.profile.InvalidInputException;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a PgBouncer takes a changed ini or auth file: SIGHUP, which re-reads both without dropping a client.
 * Before anything changes, the image's PgBouncer version is checked against the pool mode: transaction
 * pooling breaks the indexers' prepared statements before 1.21 (no max_prepared_statements).
 */
final class PgBouncerConfig implements LiveReconfiguration {
    private static final Pattern VERSION = Pattern.compile("PgBouncer (\\d+)\\.(\\d+)");
    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();

    private final String serviceId;
    private final String image;
    private final String poolMode;
    private final String profilePath;
    private final String ini;

    PgBouncerConfig(String serviceId, String image, String poolMode, String profilePath, String ini) {
        this.serviceId = serviceId;
        this.image = image;
        this.poolMode = poolMode;
        this.profilePath = profilePath;
        this.ini = ini;
    }

    @Override
    public void check(DockerEngine engine, Optional<ContainerInfo> current) {
        if (poolMode.equals("session") || CHECKED.contains(image)) {
            return;
        }
        ExecResult r = engine.runHelper(image, null, List.of("pgbouncer", "--version"), Labels.of(serviceId, Labels.ROLE_HELPER));
        Matcher m = VERSION.matcher(r.stdout() + r.stderr());
        if (!m.find()) {
            throw new InvalidInputException("profile.json", profilePath + ".image", "'pgbouncer --version' in " + image
                    + " does not say a PgBouncer version; nothing was changed");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major == 1 && minor < 21) {
            throw new InvalidInputException("profile.json", profilePath + ".poolMode", poolMode + " pooling needs PgBouncer 1.21 or later "
                    + "(max_prepared_statements) for the indexers' prepared statements, and " + image + " has " + major + "." + minor
                    + ": set poolMode to session, or use a newer image; nothing was changed");
        }
        CHECKED.add(image);
    }

    /** What PgBouncer reads only at start; everything else a SIGHUP re-reads. */
    private static final Set<String> AT_START = Set.of("listen_addr", "listen_port", "unix_socket_dir", "unix_socket_mode", "pidfile", "user");

    @Override
    public Change compare(DockerEngine engine, ContainerInfo current) {
        java.util.Map<String, String> before = settings(engine.readFile(current.id(), PoolerComponents.INI_PATH)
                .map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).orElse(""));
        java.util.Map<String, String> after = settings(ini);
        java.util.Set<String> changed = new java.util.TreeSet<>();
        after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                changed.add(k);
            }
        });
        before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(changed::add);
        List<String> restart = changed.stream().filter(AT_START::contains).toList();
        List<String> reloaded = changed.stream().filter(k -> !AT_START.contains(k)).toList();
        return new Change(reloaded.isEmpty() && restart.isEmpty() ? List.of("auth file") : reloaded, restart);
    }

    private static java.util.Map<String, String> settings(String ini) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String line : ini.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith(";") && !line.startsWith("[")) {
                out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return out;
    }

    @Override
    public void reload(DockerEngine engine, String containerId) {
        String failure = PoolerComponents.reload(engine, containerId);
        if (failure != null) {
            throw new ApplyException("reloading PgBouncer failed: " + failure);
        }
    }
}
