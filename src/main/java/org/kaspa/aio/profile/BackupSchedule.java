package org.kaspa.aio.profile;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A backups schedule: a five-field cron expression (minute hour day-of-month month day-of-week, UTC, the
 * agent's clock), parsed by cron-utils the way cron reads it. The agent in the container matches the same
 * fields itself; here it is validated, and its previous and next runs tell when a backup is overdue.
 */
public final class BackupSchedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    /** Runs counted for the longest gap: a week of a schedule every minute, months of one every few, years of a daily one. */
    private static final int GAP_RUNS = 10_000;
    private static final int GAP_YEARS = 5;
    /** Counting runs takes tens of milliseconds: once per expression (apply, status and the panel ask again and again). */
    private static final java.util.Map<String, Duration> INTERVALS = new java.util.concurrent.ConcurrentHashMap<>();
    private final String expression;
    private final ExecutionTime times;

    private BackupSchedule(String expression, Cron cron) {
        this.expression = expression;
        this.times = ExecutionTime.forCron(cron);
    }

    public static BackupSchedule of(String expression) {
        String problem = problem(expression);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new BackupSchedule(expression.strip(), PARSER.parse(expression.strip()));
    }

    /** Null when {@code expression} is a five-field cron expression the agent reads; else what is wrong. */
    public static String problem(String expression) {
        if (expression == null || expression.isBlank()) {
            return "must be a cron expression (minute hour day-of-month month day-of-week, e.g. '0 3 * * *')";
        }
        String[] fields = expression.strip().split("\\s+");
        if (fields.length != 5) {
            return "must have five fields: minute hour day-of-month month day-of-week (got " + fields.length + ")";
        }
        for (String f : fields) {
            // the agent's matcher reads numbers, '*', lists, ranges and steps; names (MON, JAN) and '?', 'L', 'W', '#' it does not
            if (!f.matches("(\\*|\\d+(-\\d+)?)(/\\d+)?(,(\\*|\\d+(-\\d+)?)(/\\d+)?)*")) {
                return "'" + f + "' is not a cron field of numbers, '*', lists (1,15), ranges (1-5) and steps (*/15)";
            }
        }
        try {
            PARSER.parse(expression.strip()).validate();
            return null;
        } catch (IllegalArgumentException e) {
            return "is not a valid cron expression: " + e.getMessage();
        }
    }

    /** Whether it fires in the minute of {@code time}. */
    public boolean matches(ZonedDateTime time) {
        return times.isMatch(time.withSecond(0).withNano(0));
    }

    /** The last time it fired at or before {@code now}. */
    public Optional<ZonedDateTime> lastRun(ZonedDateTime now) {
        return times.lastExecution(now.plusSeconds(1));
    }

    public Optional<ZonedDateTime> nextRun(ZonedDateTime now) {
        return times.nextExecution(now);
    }

    /**
     * Its interval: the longest gap between two consecutive runs (a weekday schedule's is Friday to Monday), so
     * that "overdue by twice its interval" never fires on a gap the schedule itself makes. A pure function of
     * the expression, counted over runs from a fixed start (leap years included), so the agent's settings and
     * the alert built on it do not change from one apply to the next.
     */
    public Duration interval() {
        return INTERVALS.computeIfAbsent(expression, e -> longestGap(times));
    }

    private static Duration longestGap(ExecutionTime times) {
        ZonedDateTime from = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        ZonedDateTime until = from.plusYears(GAP_YEARS);
        Duration longest = Duration.ZERO;
        ZonedDateTime previous = times.nextExecution(from.minusMinutes(1)).orElse(null);
        // a frequent schedule repeats its pattern long before the cap; a rare one ends by the date
        for (int n = 0; previous != null && previous.isBefore(until) && n < GAP_RUNS; n++) {
            ZonedDateTime next = times.nextExecution(previous).orElse(null);
            if (next == null) {
                break;
            }
            Duration gap = Duration.between(previous, next);
            longest = gap.compareTo(longest) > 0 ? gap : longest;
            previous = next;
        }
        return longest.isZero() ? Duration.ofDays(365L * GAP_YEARS) : longest;
    }
}
