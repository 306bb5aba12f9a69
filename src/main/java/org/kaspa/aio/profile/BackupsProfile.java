package org.kaspa.aio.profile;

/**
 * A database's scheduled backups (profile.json's per-database {@code backups}; field names are its keys):
 * on or off, when base backups are taken (a five-field cron expression, the engine's clock, UTC), how many
 * are kept, whether the WAL between them is archived for point-in-time recovery, and the volume that holds
 * both.
 */
public record BackupsProfile(boolean enabled, String schedule, int keepBase, boolean pointInTime, String volume) {
    /** Every day at 03:00 UTC. */
    public static final String DEFAULT_SCHEDULE = "0 3 * * *";
    public static final int DEFAULT_KEEP_BASE = 7;
    public static final int MAX_KEEP_BASE = 100;

    /** What a new {@code init} writes: on, daily, seven base backups, point in time, {@code <database volume>-backups}. */
    public static BackupsProfile defaults(String databaseVolume) {
        return new BackupsProfile(true, DEFAULT_SCHEDULE, DEFAULT_KEEP_BASE, true, volumeFor(databaseVolume));
    }

    /** What a profile from before schema version 6 reads as: the same, off (migrating turns nothing on). */
    public static BackupsProfile off(String databaseVolume) {
        return defaults(databaseVolume).withEnabled(false);
    }

    public static String volumeFor(String databaseVolume) {
        return databaseVolume + "-backups";
    }

    public BackupsProfile withEnabled(boolean on) {
        return new BackupsProfile(on, schedule, keepBase, pointInTime, volume);
    }

    public BackupsProfile withSchedule(String newSchedule, int newKeepBase) {
        return new BackupsProfile(enabled, newSchedule, newKeepBase, pointInTime, volume);
    }

    /** Whether WAL is archived: backups on with point in time. */
    public boolean archiving() {
        return enabled && pointInTime;
    }
}
