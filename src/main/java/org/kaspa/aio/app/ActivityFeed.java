package org.kaspa.aio.app;

import org.kaspa.aio.activity.ActivityMetric;
import org.kaspa.aio.activity.ActivitySource;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.Profile;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures behind the Status view's charts, one use case for the view: from Prometheus when monitoring
 * runs, from the databases' statistics views when it does not, or when Prometheus cannot be read (then the
 * reading says why).
 */
public final class ActivityFeed {
    private final Profile profile;
    private final ActivitySource prometheus;
    private final ActivitySource statistics;

    /** @param prometheus null when monitoring is off */
    ActivityFeed(Profile profile, ActivitySource prometheus, ActivitySource statistics) {
        this.profile = profile;
        this.prometheus = prometheus;
        this.statistics = statistics;
    }

    /** One reading: where it came from, and per database container, per figure, points (epoch second, value). */
    public record Reading(String source, Map<String, Map<ActivityMetric, List<double[]>>> byDatabase) {
    }

    /** The databases charted, in profile order. */
    public List<DatabaseProfile> databases() {
        return List.copyOf(profile.enabledDatabases().values());
    }

    /** Reads every database's figures over the last {@code window}; runs in the background. */
    public Reading read(Duration window) {
        if (prometheus != null) {
            try {
                return new Reading(prometheus.describe(), readAll(prometheus, window));
            } catch (IOException | RuntimeException e) {
                return readStatistics(window, " (Prometheus cannot be read: " + e.getMessage() + ")");
            }
        }
        return readStatistics(window, "");
    }

    private Reading readStatistics(Duration window, String why) {
        try {
            return new Reading(statistics.describe() + why, readAll(statistics, window));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, Map<ActivityMetric, List<double[]>>> readAll(ActivitySource source, Duration window) throws IOException {
        Map<String, Map<ActivityMetric, List<double[]>>> out = new LinkedHashMap<>();
        for (DatabaseProfile db : databases()) {
            out.put(db.container(), source.read(db, window));
        }
        return out;
    }
}
