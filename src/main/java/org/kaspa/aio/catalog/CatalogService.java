package org.kaspa.aio.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One installable service of the stack. Exactly one of {@code database} and {@code storage} is set:
 * the K and Simply Kaspa indexers own a PostgreSQL database, Kasia keeps files on a volume.
 * {@code expectedTables} is what the real indexer creates (DESIGN §4), used for schema n/N reports only;
 * we never create these tables ourselves.
 */
public record CatalogService(String id, String title, String description, CatalogDatabase database,
                             CatalogStorage storage, List<String> expectedTables) {
    public CatalogService {
        expectedTables = List.copyOf(expectedTables);
    }

    public Optional<CatalogDatabase> databaseDefaults() {
        return Optional.ofNullable(database);
    }

    public Optional<CatalogStorage> storageDefaults() {
        return Optional.ofNullable(storage);
    }
}
