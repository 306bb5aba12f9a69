package org.kaspa.aio.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The service table of the design, read from {@code assets/catalog/services.json} on the classpath. */
public record ServiceCatalog(String defaultImage, String defaultPoolerImage, String network, List<CatalogService> services) {

    private static final String RESOURCE = "/assets/catalog/services.json";

    public ServiceCatalog {
        services = List.copyOf(services);
    }

    private static volatile java.util.concurrent.CompletableFuture<ServiceCatalog> preloading;

    /**
     * Starts reading the catalog on another thread (Jackson's cold start is a few hundred ms), so the
     * window's toolkit start-up and this overlap; {@link #preloaded()} then waits for it.
     */
    public static void preload() {
        preloading = java.util.concurrent.CompletableFuture.supplyAsync(ServiceCatalog::load);
    }

    public static ServiceCatalog preloaded() {
        var p = preloading;
        return p != null ? p.join() : load();
    }

    public static ServiceCatalog load() {
        try (InputStream in = ServiceCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("catalog data missing from the classpath: " + RESOURCE);
            }
            return fromJson(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("catalog data unreadable: " + RESOURCE, e);
        }
    }

    /**
     * The catalog from its JSON tree, every key checked. Read by hand rather than bound to the records: Jackson's
     * first binding of a record type introspects it (~40 ms of each CLI start for these four), a tree read does not.
     */
    static ServiceCatalog fromJson(JsonNode root) {
        CatalogJson r = new CatalogJson(root, "catalog", Set.of("defaultImage", "defaultPoolerImage", "network", "services"));
        List<CatalogService> services = new ArrayList<>();
        for (JsonNode s : r.array("services")) {
            CatalogJson service = new CatalogJson(s, "service", Set.of("id", "title", "description", "database", "storage", "expectedTables"));
            JsonNode db = service.optional("database");
            JsonNode st = service.optional("storage");
            CatalogDatabase database = null;
            if (db != null) {
                CatalogJson d = new CatalogJson(db, "database", Set.of("container", "name", "user", "port", "volume", "initScripts",
                        "workload", "share", "poolerPort", "replicaPort"));
                database = new CatalogDatabase(d.text("container"), d.text("name"), d.text("user"), d.integer("port"), d.text("volume"),
                        d.texts("initScripts"), d.text("workload"), d.integer("share"), d.integer("poolerPort"), d.integer("replicaPort"));
            }
            CatalogStorage storage = null;
            if (st != null) {
                CatalogJson v = new CatalogJson(st, "storage", Set.of("volume", "mountPath"));
                storage = new CatalogStorage(v.text("volume"), v.text("mountPath"));
            }
            services.add(new CatalogService(service.text("id"), service.text("title"), service.text("description"), database, storage,
                    service.texts("expectedTables")));
        }
        return new ServiceCatalog(r.text("defaultImage"), r.text("defaultPoolerImage"), r.text("network"), services);
    }

    public Optional<CatalogService> find(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public CatalogService require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown service: " + id));
    }

    /** Reads one asset (an init script, say) shipped beside the catalog. */
    public static byte[] readAsset(String relativePath) {
        try (InputStream in = ServiceCatalog.class.getResourceAsStream("/assets/" + relativePath)) {
            if (in == null) {
                throw new IllegalStateException("asset missing from the classpath: " + relativePath);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("asset unreadable: " + relativePath, e);
        }
    }
}
