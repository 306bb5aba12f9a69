package org.kaspa.aio.ui;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ActivityViewModelTest {
    @Test
    void aChartNeverHoldsMoreThanItsBoundAndKeepsTheNewestPoint() {
        List<double[]> pts = new ArrayList<>();
        long now = 1_000_000;
        for (int i = 0; i < 2160; i++) {
            pts.add(new double[]{now - (2159 - i) * 10L, i});
        }
        var chart = ActivityViewModel.chartPoints(pts, 1, now);
        assertTrue(chart.size() <= ActivityViewModel.MAX_POINTS, "points: " + chart.size());
        assertTrue(chart.size() >= ActivityViewModel.MAX_POINTS / 2, "thinned evenly, not cut: " + chart.size());
        var last = chart.get(chart.size() - 1);
        assertEquals(0.0, last.getXValue().doubleValue(), 1e-9, "the newest point is at 'now'");
        assertEquals(2159.0, last.getYValue().doubleValue());
        double first = chart.get(0).getXValue().doubleValue();
        assertTrue(first >= -359.84 && first <= -358, "x is minutes before now, the first within a stride of the oldest: " + first);
    }

    @Test
    void valuesAreScaledAndGapsLeftOut() {
        var chart = ActivityViewModel.chartPoints(List.of(new double[]{60, 2 << 20}, new double[]{120, Double.NaN}), 1.0 / (1 << 20), 120);
        assertEquals(1, chart.size());
        assertEquals(-1.0, chart.get(0).getXValue().doubleValue());
        assertEquals(2.0, chart.get(0).getYValue().doubleValue());
    }
}
