package org.kaspa.aio.activity;

import org.kaspa.aio.health.PrometheusApi;
import org.kaspa.aio.profile.DatabaseProfile;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The charts' figures from Prometheus's history: a range query per figure, about {@link #POINTS} points per window. */
public final class PrometheusActivity implements ActivitySource {
    /** Points per chart: enough for a smooth line, few enough that a redraw every 10 s costs nothing. */
    static final int POINTS = 120;
    private final PrometheusApi api;

    public PrometheusActivity(PrometheusApi api) {
        this.api = api;
    }

    @Override
    public Map<ActivityMetric, List<double[]>> read(DatabaseProfile db, Duration window) throws IOException {
        Duration step = Duration.ofSeconds(Math.max(10, window.toSeconds() / POINTS));
        Map<ActivityMetric, List<double[]>> out = new EnumMap<>(ActivityMetric.class);
        for (ActivityMetric m : ActivityMetric.values()) {
            List<PrometheusApi.Series> series = api.queryRange(m.promql(db), window, step);
            out.put(m, series.isEmpty() ? List.of() : series.get(0).points());
        }
        return out;
    }

    @Override
    public String describe() {
        return "Prometheus";
    }
}
