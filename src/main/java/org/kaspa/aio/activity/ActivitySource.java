package org.kaspa.aio.activity;

import org.kaspa.aio.profile.DatabaseProfile;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Where the Status view's charts get their figures: per metric, points (epoch second, value), oldest first. */
public interface ActivitySource {
    Map<ActivityMetric, List<double[]>> read(DatabaseProfile db, Duration window) throws IOException;

    /** "Prometheus" or "the databases' statistics views": what the chart says it shows. */
    String describe();
}
