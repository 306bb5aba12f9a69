package org.kaspa.aio.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

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
            return new ObjectMapper()
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(in, ServiceCatalog.class);
        } catch (IOException e) {
            throw new UncheckedIOException("catalog data unreadable: " + RESOURCE, e);
        }
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
