package org.kaspa.aio.ops;

import org.kaspa.aio.profile.AtomicFileWriter;
import org.kaspa.aio.provision.DesiredState;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code export --out DIR}: docker-compose.yml and the files it mounts (see {@link ComposeFile}), so the
 * same stack can be run by hand with docker-compose.
 */
public final class ComposeExport {
    private ComposeExport() {
    }

    /** {@code uid:gid} of the owner of {@code path} (one of ours: the user running kaspa-aio), 0:0 where the system has none. */
    public static String userOwning(Path path) {
        try {
            return Files.getAttribute(path, "unix:uid") + ":" + Files.getAttribute(path, "unix:gid");
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException noUnixOwners) {
            return "0:0";
        }
    }

    /** Returns the files written, relative to {@code dir}. */
    public static List<String> export(DesiredState desired, Path dir) throws IOException {
        Files.createDirectories(dir);
        ComposeFile compose = ComposeFile.render(desired, userOwning(dir));
        List<String> written = new ArrayList<>();
        AtomicFileWriter.write(dir.resolve("docker-compose.yml"), compose.yaml().getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-r--r--"));
        written.add("docker-compose.yml");
        Path secretsDir = dir.resolve(ComposeFile.SECRETS_DIR);
        if (compose.files().values().stream().anyMatch(ComposeFile.ExportedFile::secret)) {
            // Owner-only folder: the files in it must stay readable by the container's own user (postgres,
            // uid 999, reads the bind-mounted file), so it is the folder that keeps everyone else out.
            Files.createDirectories(secretsDir);
            Files.setPosixFilePermissions(secretsDir, PosixFilePermissions.fromString("rwx------"));
        }
        for (Map.Entry<String, ComposeFile.ExportedFile> f : compose.files().entrySet()) {
            Path target = dir.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            AtomicFileWriter.write(target, f.getValue().content(), PosixFilePermissions.fromString(f.getValue().ownerOnly() ? "rw-------" : "rw-r--r--"));
            written.add(f.getKey());
        }
        return written;
    }
}
