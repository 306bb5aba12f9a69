package org.kaspa.aio.ops;

import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.Profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stack as a docker-compose file in the shape of the design's snippets: container names, env,
 * {@code bindAddress:port} bindings, named volumes, init directories. Passwords never appear in it: each
 * is referenced as a variable ({@code ${K_SOCIAL_DB_PASSWORD}}) that lives in the .env file.
 */
public final class ComposeFile {
    private ComposeFile() {
    }

    /** The variable holding a database's password, e.g. {@code K_SOCIAL_DB_PASSWORD} for k-social-db. */
    public static String passwordVariable(DatabaseProfile db) {
        return db.container().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_PASSWORD";
    }

    /** Where a database's init scripts go beside the compose file. */
    public static String initDirectory(DatabaseProfile db) {
        return "./init/" + db.container();
    }

    public static String render(Profile profile, ServiceCatalog catalog) {
        StringBuilder y = new StringBuilder();
        y.append("# Kaspa All-in-One databases, as provisioned by kaspa-aio. Passwords live in .env.\n");
        y.append("services:\n");
        List<String> volumes = new ArrayList<>();
        profile.enabledDatabases().forEach((id, db) -> {
            y.append("  ").append(db.container()).append(":\n");
            y.append("    image: ").append(db.image()).append('\n');
            y.append("    container_name: ").append(db.container()).append('\n');
            y.append("    environment:\n");
            y.append("      - POSTGRES_DB=").append(db.name()).append('\n');
            y.append("      - POSTGRES_USER=").append(db.user()).append('\n');
            y.append("      - POSTGRES_PASSWORD=${").append(passwordVariable(db)).append("}\n");
            y.append("    ports:\n");
            y.append("      - \"").append(hostBinding(profile.bindAddress())).append(db.port()).append(":5432\"\n");
            y.append("    volumes:\n");
            y.append("      - ").append(db.volume()).append(":/var/lib/postgresql/data\n");
            y.append("      - ").append(initDirectory(db)).append(":/docker-entrypoint-initdb.d\n");
            y.append("    networks: [").append(catalog.network()).append("]\n");
            y.append("    restart: unless-stopped\n");
            volumes.add(db.volume());
        });
        profile.services().forEach((id, s) -> {
            if (s.enabled() && s.storage() != null) {
                volumes.add(s.storage().volume());
            }
        });
        y.append("networks:\n  ").append(catalog.network()).append(":\n    name: ").append(catalog.network()).append('\n');
        y.append("volumes:\n");
        for (String v : volumes) {
            y.append("  ").append(v).append(":\n    name: ").append(v).append('\n');
        }
        return y.toString();
    }

    private static String hostBinding(String bindAddress) {
        return bindAddress.contains(":") ? "[" + bindAddress + "]:" : bindAddress + ":";
    }
}
