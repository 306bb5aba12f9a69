package org.kaspa.aio.ui;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;
import org.kaspa.aio.app.ActivityFeed;
import org.kaspa.aio.activity.ActivityMetric;
import org.kaspa.aio.profile.DatabaseProfile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Status view's charts: per database and figure a list of chart points (x: minutes before now), replaced
 * by every reading, never appended to, so a chart holds at most {@link #MAX_POINTS} points however long the
 * window stays open. Readings run in the background every 10 s.
 */
public final class ActivityViewModel implements AutoCloseable {
    /** What a chart keeps: Prometheus's readings have ~120 points; a long statistics history is thinned to this. */
    static final int MAX_POINTS = 240;

    /** The windows a person can choose. */
    public enum Window {
        MINUTES_15("Last 15 minutes", Duration.ofMinutes(15), 5),
        HOUR_1("Last hour", Duration.ofHours(1), 15),
        HOURS_6("Last 6 hours", Duration.ofHours(6), 60);

        private final String label;
        private final Duration duration;
        private final int tickMinutes;

        Window(String label, Duration duration, int tickMinutes) {
            this.label = label;
            this.duration = duration;
            this.tickMinutes = tickMinutes;
        }

        public Duration duration() {
            return duration;
        }

        /** Minutes between the time axis's ticks. */
        public int tickMinutes() {
            return tickMinutes;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final BackgroundExecutor executor;
    private final ActivityFeed feed;
    private final Map<String, String> pages;
    private final Map<String, Map<ActivityMetric, ObservableList<XYChart.Data<Number, Number>>>> points = new LinkedHashMap<>();
    private final ObjectProperty<Window> window = new SimpleObjectProperty<>(Window.MINUTES_15);
    private final StringProperty source = new SimpleStringProperty("reading…");
    private javafx.animation.Timeline refresh;
    private boolean reading;

    public ActivityViewModel(BackgroundExecutor executor, ActivityFeed feed, Map<String, String> pages) {
        this.executor = executor;
        this.feed = feed;
        this.pages = Map.copyOf(pages);
        for (DatabaseProfile db : feed.databases()) {
            Map<ActivityMetric, ObservableList<XYChart.Data<Number, Number>>> m = new EnumMap<>(ActivityMetric.class);
            for (ActivityMetric a : ActivityMetric.values()) {
                m.put(a, FXCollections.observableArrayList());
            }
            points.put(db.container(), m);
        }
        window.addListener((o, a, b) -> refresh());
    }

    public ActivityViewModel start() {
        refresh = Periodic.every(javafx.util.Duration.seconds(10), this::refresh);
        return this;
    }

    /** Reads now in the background (one reading at a time; a tick during a slow one is skipped). */
    public void refresh() {
        if (reading) {
            return;
        }
        reading = true;
        Duration d = window.get().duration();
        executor.run(() -> feed.read(d), r -> {
            reading = false;
            apply(r, System.currentTimeMillis() / 1000);
        }, err -> {
            reading = false;
            source.set("cannot read the figures: " + err.getMessage());
        });
    }

    void apply(ActivityFeed.Reading r, long nowEpochSecond) {
        source.set("from " + r.source());
        r.byDatabase().forEach((container, figures) -> {
            var lists = points.get(container);
            if (lists == null) {
                return;
            }
            figures.forEach((metric, pts) -> lists.get(metric).setAll(chartPoints(pts, metric.scale(), nowEpochSecond)));
        });
    }

    /** At most {@link #MAX_POINTS} points, evenly thinned, x in minutes before now (negative), y scaled. */
    static List<XYChart.Data<Number, Number>> chartPoints(List<double[]> pts, double scale, long now) {
        int stride = Math.max(1, (pts.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<XYChart.Data<Number, Number>> out = new ArrayList<>();
        for (int i = Math.max(0, pts.size() - 1) % stride; i < pts.size(); i += stride) {
            double[] p = pts.get(i);
            if (Double.isFinite(p[1])) {
                out.add(new XYChart.Data<>((p[0] - now) / 60.0, p[1] * scale));
            }
        }
        return out;
    }

    public List<String> databases() {
        return List.copyOf(points.keySet());
    }

    public ObservableList<XYChart.Data<Number, Number>> points(String container, ActivityMetric metric) {
        return points.get(container).get(metric);
    }

    public ObjectProperty<Window> windowProperty() {
        return window;
    }

    /** "from Prometheus", or "from the databases' statistics views". */
    public StringProperty sourceProperty() {
        return source;
    }

    /** Page name → URL (Grafana, Prometheus) a browser on this machine can open; empty when monitoring is off. */
    public Map<String, String> pages() {
        return pages;
    }

    @Override
    public void close() {
        if (refresh != null) {
            refresh.stop();
        }
    }
}
