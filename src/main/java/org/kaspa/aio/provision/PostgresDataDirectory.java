package org.kaspa.aio.provision;

/**
 * A PostgreSQL data directory on a volume. A data directory only opens with the major version that
 * created it, so before a container is (re)created on an existing volume, the volume's {@code PG_VERSION}
 * is compared with the image's {@code PG_MAJOR} (declared by the official images and those built on them).
 */
public record PostgresDataDirectory(String volume, String path) {
    public static final String VERSION_FILE = "PG_VERSION";
    public static final String IMAGE_MAJOR_ENV = "PG_MAJOR";
}
