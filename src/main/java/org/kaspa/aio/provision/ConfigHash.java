package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.ContainerSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash a container's {@code kaspa-aio.config-hash} label carries: everything that needs a recreate
 * when it changes (image, env, port, bind address, volume, network, init scripts). Secret contents are
 * left out on purpose: the image reads the password only on first init, so a new password is applied
 * inside the running database, not by recreating the container.
 */
public final class ConfigHash {
    private ConfigHash() {
    }

    public static String of(ContainerSpec spec) {
        StringBuilder canonical = new StringBuilder();
        canonical.append("image=").append(spec.image()).append('\n');
        new TreeMap<>(spec.env()).forEach((k, v) -> canonical.append("env.").append(k).append('=').append(v).append('\n'));
        canonical.append("bind=").append(spec.bindAddress()).append(':').append(spec.hostPort())
                .append("->").append(spec.containerPort()).append('\n');
        canonical.append("volume=").append(spec.volume()).append(':').append(spec.volumePath()).append('\n');
        canonical.append("network=").append(spec.network()).append('\n');
        Map<String, String> files = new TreeMap<>();
        for (ContainerFile f : spec.files()) {
            files.put(f.path(), Integer.toOctalString(f.mode()) + (f.secret() ? ":secret" : ":" + sha256(f.content())));
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
