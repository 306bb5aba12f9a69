package org.kaspa.aio.profile;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A backups schedule: a five-field cron expression (minute hour day-of-month month day-of-week, UTC, the
 * agent's clock), parsed by cron-utils the way cron reads it. The agent in the container matches the same
 * fields itself; here it is validated, and its previous and next runs tell when a backup is overdue.
 */
public final class BackupSchedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private final ExecutionTime times;

    private BackupSchedule(Cron cron) {
        this.times = ExecutionTime.forCron(cron);
    }

    public static BackupSchedule of(String expression) {
        String problem = problem(expression);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new BackupSchedule(PARSER.parse(expression.strip()));
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

    /** Its interval around {@code now}: from the last run to the next (what "overdue by twice its interval" measures). */
    public Duration interval(ZonedDateTime now) {
        ZonedDateTime next = nextRun(now).orElse(now.plusDays(1));
        ZonedDateTime after = nextRun(next).orElse(next.plusDays(1));
        return Duration.between(next, after);
    }
}
