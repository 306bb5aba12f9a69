package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.engine.DockerEngine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The hash of what of a container changes in place: its live files (a configuration the program re-reads)
 * and its CPU quota. A container's labels cannot change after it is created, so the current value is
 * read from the container itself: the files in it and the quota it runs with.
 */
final class LiveHash {
    private LiveHash() {
    }

    /** Null when the spec has nothing that changes in place. */
    static String of(ContainerSpec spec) {
        if (spec.files().stream().noneMatch(ContainerFile::live) && spec.resources() == null) {
            return null;
        }
        ByteArrayOutputStream canonical = new ByteArrayOutputStream();
        for (ContainerFile f : spec.files()) {
            if (f.live()) {
                canonical.writeBytes((f.path() + "\n").getBytes(StandardCharsets.UTF_8));
                canonical.writeBytes(f.content());
                canonical.write(0);
            }
        }
        double cpus = spec.resources() == null ? 0 : spec.resources().cpus();
        canonical.writeBytes(("cpus=" + Math.round(cpus * 1e9)).getBytes(StandardCharsets.UTF_8));
        return ConfigHash.sha256(canonical.toByteArray()).substring(0, 16);
    }

    /** The same hash over what the container has now (a missing file hashes as empty). */
    static String read(DockerEngine engine, String containerId, ContainerSpec spec) {
        if (of(spec) == null) {
            return null;
        }
        ByteArrayOutputStream canonical = new ByteArrayOutputStream();
        for (ContainerFile f : spec.files()) {
            if (f.live()) {
                canonical.writeBytes((f.path() + "\n").getBytes(StandardCharsets.UTF_8));
                canonical.writeBytes(engine.readFile(containerId, f.path()).orElse(new byte[0]));
                canonical.write(0);
            }
        }
        double cpus = spec.resources() == null ? 0 : engine.cpus(containerId);
        canonical.writeBytes(("cpus=" + Math.round(cpus * 1e9)).getBytes(StandardCharsets.UTF_8));
        return ConfigHash.sha256(canonical.toByteArray()).substring(0, 16);
    }
}
