package org.kaspa.aio.ops;

import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.profile.AtomicFileWriter;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.profile.SecretsStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code export --out DIR}: docker-compose.yml (see {@link ComposeFile}), .env with the passwords (0600)
 * and one init-script folder per database, so the same stack can be run by hand with docker-compose.
 */
public final class ComposeExport {
    private final ServiceCatalog catalog;

    public ComposeExport(ServiceCatalog catalog) {
        this.catalog = catalog;
    }

    /** Returns the files written, relative to {@code dir}. */
    public List<String> export(Profile profile, Secrets secrets, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> written = new ArrayList<>();
        AtomicFileWriter.write(dir.resolve("docker-compose.yml"), ComposeFile.render(profile, catalog).getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-r--r--"));
        written.add("docker-compose.yml");
        StringBuilder env = new StringBuilder("# Passwords for docker-compose.yml. Keep this file private (mode 0600).\n");
        for (var e : profile.enabledDatabases().entrySet()) {
            String pw = secrets.password(e.getKey()).orElseThrow();
            env.append(ComposeFile.passwordVariable(e.getValue())).append("=").append(quote(pw)).append('\n');
            Path init = dir.resolve(ComposeFile.initDirectory(e.getValue()).replaceFirst("^\\./", ""));
            Files.createDirectories(init);
            for (String script : catalog.require(e.getKey()).databaseDefaults().orElseThrow().initScripts()) {
                String name = script.substring(script.lastIndexOf('/') + 1);
                AtomicFileWriter.write(init.resolve(name), ServiceCatalog.readAsset(script), PosixFilePermissions.fromString("rw-r--r--"));
                written.add(dir.relativize(init.resolve(name)).toString());
            }
        }
        AtomicFileWriter.write(dir.resolve(".env"), env.toString().getBytes(StandardCharsets.UTF_8), SecretsStore.OWNER_ONLY);
        written.add(1, ".env");
        return written;
    }

    /**
     * A single-quoted .env value: docker-compose reads .env with python-dotenv, which takes single-quoted
     * values literally (no ${} expansion) and only unescapes \\ and \'.
     */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
