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
                canonical.writeBytes(current(engine, containerId, f));
                canonical.write(0);
            }
        }
        double cpus = spec.resources() == null ? 0 : engine.cpus(containerId);
        canonical.writeBytes(("cpus=" + Math.round(cpus * 1e9)).getBytes(StandardCharsets.UTF_8));
        return ConfigHash.sha256(canonical.toByteArray()).substring(0, 16);
    }

    /**
     * A live file's content in the container (empty when missing). A stat comes first: the engine answers it
     * from the container's file system (~1 ms), where a read makes it tar the path (40–90 ms per database here,
     * side by side, on every plan and apply). When size and time are those we write the content with
     * ({@link ContainerFile#contentStamp()}), the file holds it; anything else (an edit, a file an earlier
     * version wrote, a secret, which is never stamped) is read.
     */
    private static byte[] current(DockerEngine engine, String containerId, ContainerFile f) {
        if (f.stamped() && engine.pathStat(containerId, f.path()).filter(f::writtenAsIs).isPresent()) {
            return f.content();
        }
        return engine.readFile(containerId, f.path()).orElse(new byte[0]);
    }
}
