package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.engine.PublishedPort;
import org.kaspa.aio.engine.VolumeMount;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash a container's {@code kaspa-aio.config-hash} label carries: everything that needs a recreate
 * when it changes (image, command, env, labels, ports, volumes, network, files, stop signal, health
 * check, memory and shm size). Live files and the CPU quota change in place and are hashed apart
 * ({@link LiveHash}). Secret contents are left out on purpose: the image reads the password only on first init, so a
 * new password is applied inside the running database, not by recreating the container.
 */
public final class ConfigHash {
    private ConfigHash() {
    }

    public static String of(ContainerSpec spec) {
        StringBuilder canonical = new StringBuilder();
        canonical.append("image=").append(spec.image()).append('\n');
        canonical.append("command=").append(String.join("\u0000", spec.command())).append('\n');
        new TreeMap<>(spec.env()).forEach((k, v) -> canonical.append("env.").append(k).append('=').append(v).append('\n'));
        new TreeMap<>(spec.labels()).forEach((k, v) -> {
            if (!k.equals(Labels.CONFIG_HASH)) {
                canonical.append("label.").append(k).append('=').append(v).append('\n');
            }
        });
        for (PublishedPort p : spec.ports()) {
            canonical.append("bind=").append(p.hostAddress()).append(':').append(p.hostPort()).append("->").append(p.containerPort()).append('\n');
        }
        for (VolumeMount m : spec.mounts()) {
            canonical.append("volume=").append(m.volume()).append(':').append(m.path()).append(m.readOnly() ? ":ro" : "").append('\n');
        }
        canonical.append("network=").append(spec.network()).append('\n');
        canonical.append("stop=").append(spec.stopSignal()).append('\n');
        if (spec.healthCheck() != null) {
            var h = spec.healthCheck();
            canonical.append("health=").append(String.join("\u0000", h.command())).append(';').append(h.interval())
                    .append(';').append(h.timeout()).append(';').append(h.retries()).append(';').append(h.startPeriod()).append('\n');
        }
        if (spec.resources() != null) {
            // the CPU quota is left out: it changes in place (LiveHash)
            canonical.append("memory=").append(spec.resources().memoryBytes()).append(";shm=").append(spec.resources().shmBytes()).append('\n');
        }
        Map<String, String> files = new TreeMap<>();
        for (ContainerFile f : spec.files()) {
            if (f.live()) {
                continue; // replaced in the running container (LiveHash)
            }
            files.put(f.path(), Integer.toOctalString(f.mode()) + (f.owner() == ContainerFile.ROOT ? "" : ":owner" + f.owner())
                    + (f.secret() ? ":secret" : ":" + sha256(f.content())));
        }
        files.forEach((p, v) -> canonical.append("file.").append(p).append('=').append(v).append('\n'));
        return sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
