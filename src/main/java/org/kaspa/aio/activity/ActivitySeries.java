package org.kaspa.aio.activity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest {@code capacity} points of one figure (epoch second, value), the oldest dropped as new ones
 * come: what keeps a chart fed for hours within a fixed amount of memory.
 */
public final class ActivitySeries {
    private final int capacity;
    private final ArrayDeque<double[]> points;

    public ActivitySeries(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        this.points = new ArrayDeque<>(capacity);
    }

    public synchronized void add(long epochSecond, double value) {
        if (points.size() == capacity) {
            points.removeFirst();
        }
        points.addLast(new double[]{epochSecond, value});
    }

    /** The points not older than {@code sinceEpochSecond}, oldest first. */
    public synchronized List<double[]> since(long sinceEpochSecond) {
        List<double[]> out = new ArrayList<>();
        for (double[] p : points) {
            if (p[0] >= sinceEpochSecond) {
                out.add(p.clone());
            }
        }
        return out;
    }

    public synchronized int size() {
        return points.size();
    }
}
