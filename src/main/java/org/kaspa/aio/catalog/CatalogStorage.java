package org.kaspa.aio.catalog;

/** A file-based service's storage: a named volume and where the indexer mounts it. */
public record CatalogStorage(String volume, String mountPath) {
}
