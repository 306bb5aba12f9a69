package org.kaspa.aio.ui;

import org.junit.jupiter.api.Test;
import org.kaspa.aio.ops.BaseBackups;
import org.kaspa.aio.profile.BackupsProfile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The Backups panel's schedule editor and list: its rules, as typed, and what a refresh may and may not change. */
class BackupsViewModelTest {
    private static BackupsViewModel.Row row() {
        return new BackupsViewModel.Row("k-indexer", BackupsProfile.defaults("k-social-db-data"), "k-social-db-data");
    }

    @Test
    void aBadScheduleOrRetentionIsOneLineNamingTheField() {
        var r = row();
        assertEquals("", r.scheduleErrorProperty().get());
        assertFalse(r.editedProperty().get(), "the fields start as profile.json has them");
        r.scheduleProperty().set("0 3 * *");
        assertTrue(r.scheduleErrorProperty().get().startsWith("services.k-indexer.database.backups.schedule: must have five fields"),
                r.scheduleErrorProperty().get());
        assertEquals("", r.nextRunProperty().get(), "no next run for an expression that cannot be read");
        r.scheduleProperty().set("0 3 * * MON");
        assertTrue(r.scheduleErrorProperty().get().contains("'MON'"), r.scheduleErrorProperty().get());
        r.scheduleProperty().set("*/30 * * * *");
        assertEquals("", r.scheduleErrorProperty().get());
        assertTrue(r.editedProperty().get());
        for (String keep : List.of("0", "101", "seven", "")) {
            r.keepBaseProperty().set(keep);
            assertEquals("services.k-indexer.database.backups.keepBase: must be a whole number between 1 and 100", r.scheduleErrorProperty().get(), keep);
        }
        r.keepBaseProperty().set("3");
        assertEquals("", r.scheduleErrorProperty().get());
        assertEquals(3, r.keep());
    }

    @Test
    void theNextRunAndTheWarningThresholdFollowTheSchedule() {
        var r = row();
        assertTrue(r.nextRunProperty().get().matches("next base backup \\d{4}-\\d\\d-\\d\\d 03:00:00 UTC · a warning after 2 days without one"),
                r.nextRunProperty().get());
        r.scheduleProperty().set("0 3 * * 1-5");
        assertTrue(r.nextRunProperty().get().endsWith("a warning after 6 days without one"), r.nextRunProperty().get());
        r.scheduleProperty().set("*/15 * * * *");
        assertTrue(r.nextRunProperty().get().endsWith("a warning after 30 minutes without one"), r.nextRunProperty().get());
        assertEquals("6 days 6 hours", BackupsViewModel.human(Duration.ofHours(150)));
    }

    @Test
    void aRefreshKeepsWhatThePersonTypedAndASaveMakesItTheStoredValue() {
        var r = row();
        r.scheduleProperty().set("0 4 * * *");
        r.saved(BackupsProfile.defaults("k-social-db-data"));
        assertEquals("0 4 * * *", r.scheduleProperty().get(), "an edit survives the minute's refresh");
        r.savedAs("0 4 * * *", 7);
        assertFalse(r.editedProperty().get());
        r.saved(BackupsProfile.defaults("k-social-db-data").withSchedule("0 5 * * *", 2));
        assertEquals("0 5 * * *", r.scheduleProperty().get(), "untouched fields follow profile.json");
        assertEquals("2", r.keepBaseProperty().get());
    }

    @Test
    void aBaseBackupLineSaysWhenItEndedHowBigAndWhetherItVerified() {
        var b = new BaseBackups.BaseBackup("20261204T201500Z", Instant.parse("2026-12-04T20:15:09Z"), 31_234_567, "verified", "1");
        assertEquals("20261204T201500Z · 31.2 MB · verified · ended 2026-12-04 20:15:09 UTC", BackupsViewModel.line(b));
    }
}
