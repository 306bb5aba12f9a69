package org.kaspa.aio.profile;

import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.Proc;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The schedule is read twice: here by cron-utils (validation, overdue) and in the container by the agent's own
 * matcher in bash. The agent's answers are compared with cron-utils' for the same minutes: both must fire together.
 */
class BackupScheduleTest {
    private static final List<String> EXPRESSIONS = List.of("0 3 * * *", "*/15 * * * *", "30 2 1 * *", "0 */6 * * 1-5", "5,35 8-18 * * *",
            "0 0 * * 0", "0 0 * * 7", "0 12 15 * 1", "*/7 1-3 */2 2-11/3 *", "59 23 31 12 *");

    @Test
    void theAgentsMatcherFiresExactlyWhenCronUtilsDoes() {
        Random random = new Random(17);
        long start = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();
        for (String expression : EXPRESSIONS) {
            BackupSchedule schedule = BackupSchedule.of(expression);
            List<Long> minutes = new ArrayList<>();
            // random minutes over two years, plus the firing minutes cron-utils names near each (so both answers occur)
            for (int i = 0; i < 150; i++) {
                long t = start + (long) random.nextInt(2 * 365 * 24 * 60) * 60;
                minutes.add(t);
                ZonedDateTime z = Instant.ofEpochSecond(t).atZone(ZoneOffset.UTC);
                schedule.nextRun(z).ifPresent(n -> minutes.add(n.toEpochSecond()));
            }
            // cron's rule when both days are restricted (either matches): a Monday the 16th and a Sunday the 15th at noon
            minutes.add(ZonedDateTime.of(2026, 11, 16, 12, 0, 0, 0, ZoneOffset.UTC).toEpochSecond());
            minutes.add(ZonedDateTime.of(2026, 11, 15, 12, 0, 0, 0, ZoneOffset.UTC).toEpochSecond());
            List<String> cmd = new ArrayList<>(List.of("bash", "assets/backup/backup-agent.sh", "matches", expression));
            minutes.forEach(m -> cmd.add(String.valueOf(m)));
            Proc.Result r = Proc.run(cmd, Map.of(), Duration.ofMinutes(1));
            assertEquals(0, r.exitCode(), r.toString());
            Map<Long, Boolean> agent = new HashMap<>();
            r.stdout().lines().forEach(l -> agent.put(Long.parseLong(l.split(" ")[0]), l.endsWith("yes")));
            int fired = 0;
            for (long m : minutes) {
                boolean expected = schedule.matches(Instant.ofEpochSecond(m).atZone(ZoneOffset.UTC));
                fired += expected ? 1 : 0;
                assertEquals(expected, agent.get(m), expression + " at " + Instant.ofEpochSecond(m));
            }
            assertTrue(fired >= 100, expression + ": the comparison saw firing minutes (" + fired + ")");
        }
    }

    @Test
    void aBadScheduleIsNamedWithItsRule() {
        assertNull(BackupSchedule.problem("0 3 * * *"));
        assertTrue(BackupSchedule.problem("0 3 * *").contains("five fields"));
        assertTrue(BackupSchedule.problem("0 3 * * MON").contains("'MON'"));
        assertNotNull(BackupSchedule.problem("61 3 * * *"));
        assertNotNull(BackupSchedule.problem(""));
    }

    @Test
    void itsIntervalIsTheLongestGapBetweenRuns() {
        assertEquals(Duration.ofDays(1), BackupSchedule.of("0 3 * * *").interval());
        assertEquals(Duration.ofMinutes(15), BackupSchedule.of("*/15 * * * *").interval());
        // weekdays only: Friday to Monday is the longest wait, so a quiet weekend is never "overdue"
        assertEquals(Duration.ofDays(3), BackupSchedule.of("0 3 * * 1-5").interval());
        // the first of each month: the longest month apart (31 days), whatever month it is now
        assertEquals(Duration.ofDays(31), BackupSchedule.of("30 2 1 * *").interval());
        // the same expression gives the same interval, whenever it is asked (the agent's settings do not drift)
        assertEquals(BackupSchedule.of("0 */6 * * 1-5").interval(), BackupSchedule.of("0 */6 * * 1-5").interval());
        assertEquals(Duration.ofHours(54), BackupSchedule.of("0 */6 * * 1-5").interval());
    }

    @Test
    void aWeekdayScheduleIsNotOverdueOnTheWeekend() {
        // last success Friday 03:00, asked Sunday 12:00: two and a half days, within twice the Friday-to-Monday gap
        Instant friday = ZonedDateTime.of(2026, 11, 27, 3, 0, 0, 0, ZoneOffset.UTC).toInstant();
        Instant sunday = ZonedDateTime.of(2026, 11, 29, 12, 0, 0, 0, ZoneOffset.UTC).toInstant();
        var report = new org.kaspa.aio.ops.BaseBackups.Report(List.of(), null, friday, null, null, true, "0 3 * * 1-5",
                BackupSchedule.of("0 3 * * 1-5").interval());
        assertNull(report.warning(sunday));
        assertNotNull(report.warning(sunday.plus(Duration.ofDays(4))), "a week without one is overdue");
    }
}
