package org.kaspa.aio.provision;

/**
 * A PostgreSQL data directory on a volume, and what it was initialised with. A data directory only opens
 * with the major version that created it, so before a container is (re)created on an existing volume, the
 * volume's {@code PG_VERSION} is compared with the image's major version ({@code PG_MAJOR}, declared by
 * the official images and those built on them, else what the image's {@code postgres --version} says).
 * And the image reads the database and user names only on first init, so a change of either on an
 * existing volume would leave the indexers pointed at a database and role that do not exist.
 *
 * @param nameField the profile.json path of the database name; the user's is its sibling {@code user}
 */
public record PostgresDataDirectory(String volume, String path, String database, String user, String nameField) {
    public static final String VERSION_FILE = "PG_VERSION";
    public static final String IMAGE_MAJOR_ENV = "PG_MAJOR";
    /** Volume labels that record what a data directory was created for (volumes created from now on). */
    public static final String DATABASE_LABEL = Labels.PREFIX + "postgres-database";
    public static final String USER_LABEL = Labels.PREFIX + "postgres-user";
}
