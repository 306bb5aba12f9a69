package org.kaspa.aio.provision;

import org.kaspa.aio.catalog.CatalogService;
import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.profile.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine should hold for a profile: the network, the volumes of enabled services, one
 * container per enabled database, and the containers of disabled databases (to be removed, volumes kept).
 */
public record DesiredState(String network, String bindAddress, List<DesiredVolume> volumes,
                           List<DesiredDatabase> databases, Map<String, String> disabledContainers) {

    public static final int POSTGRES_PORT = 5432;
    public static final String DATA_PATH = "/var/lib/postgresql/data";
    public static final String INIT_DIR = "/docker-entrypoint-initdb.d";
    /** Where the password file goes; read by the image through POSTGRES_PASSWORD_FILE. */
    public static final String PASSWORD_FILE = "/run/secrets/kaspa-aio/postgres-password";

    public DesiredState {
        volumes = List.copyOf(volumes);
        databases = List.copyOf(databases);
        disabledContainers = Map.copyOf(disabledContainers);
    }

    public static DesiredState of(Profile profile, Secrets secrets, ServiceCatalog catalog) {
        List<DesiredVolume> volumes = new ArrayList<>();
        List<DesiredDatabase> databases = new ArrayList<>();
        Map<String, String> disabled = new LinkedHashMap<>();
        profile.services().forEach((id, service) -> {
            CatalogService known = catalog.require(id);
            if (!service.enabled()) {
                if (service.database() != null) {
                    disabled.put(id, service.database().container());
                }
                return;
            }
            if (service.storage() != null) {
                volumes.add(new DesiredVolume(service.storage().volume(), id, Labels.ROLE_STORAGE));
            }
            if (service.database() != null) {
                DatabaseProfile db = service.database();
                String password = secrets.password(id).orElseThrow(() -> new InvalidInputException("secrets.json",
                        id + ".password", "is missing (run 'init', or 'init --force' to start over)"));
                volumes.add(new DesiredVolume(db.volume(), id, Labels.ROLE_DATABASE));
                ContainerSpec spec = containerSpec(id, db, password, profile.bindAddress(), catalog, known);
                String hash = ConfigHash.of(spec);
                Map<String, String> labels = new HashMap<>(spec.labels());
                labels.put(Labels.CONFIG_HASH, hash);
                spec = new ContainerSpec(spec.name(), spec.image(), spec.env(), labels, spec.bindAddress(), spec.hostPort(),
                        spec.containerPort(), spec.volume(), spec.volumePath(), spec.network(), spec.files());
                databases.add(new DesiredDatabase(id, db, spec, hash));
            }
        });
        return new DesiredState(catalog.network(), profile.bindAddress(), volumes, databases, disabled);
    }

    private static ContainerSpec containerSpec(String id, DatabaseProfile db, String password, String bindAddress,
                                               ServiceCatalog catalog, CatalogService known) {
        Map<String, String> env = Map.of(
                "POSTGRES_DB", db.name(),
                "POSTGRES_USER", db.user(),
                "POSTGRES_PASSWORD_FILE", PASSWORD_FILE);
        List<ContainerFile> files = new ArrayList<>();
        files.add(new ContainerFile(PASSWORD_FILE, password.getBytes(StandardCharsets.UTF_8), 0444, true));
        for (String script : known.databaseDefaults().orElseThrow().initScripts()) {
            String fileName = script.substring(script.lastIndexOf('/') + 1);
            files.add(new ContainerFile(INIT_DIR + "/" + fileName, ServiceCatalog.readAsset(script), 0644, false));
        }
        return new ContainerSpec(db.container(), db.image(), env, Labels.of(id, Labels.ROLE_DATABASE),
                bindAddress, db.port(), POSTGRES_PORT, db.volume(), DATA_PATH, catalog.network(), files);
    }
}
