package org.kaspa.aio.profile;

/** One service in profile.json: enabled or not, with its database or its storage (never both). */
public record ServiceProfile(boolean enabled, DatabaseProfile database, StorageProfile storage) {

    public boolean hasDatabase() {
        return database != null;
    }

    public ServiceProfile withEnabled(boolean value) {
        return new ServiceProfile(value, database, storage);
    }

    public ServiceProfile withDatabase(DatabaseProfile value) {
        return new ServiceProfile(enabled, value, storage);
    }
}
