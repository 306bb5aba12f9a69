package org.kaspa.aio.activity;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ActivitySeriesTest {
    @Test
    void keepsTheNewestPointsUpToItsCapacityWhateverIsAdded() {
        ActivitySeries s = new ActivitySeries(100);
        for (int t = 0; t < 10_000; t++) {
            s.add(t, t * 2.0);
        }
        assertEquals(100, s.size());
        List<double[]> all = s.since(0);
        assertEquals(9_900, (long) all.get(0)[0], "the oldest kept is the 100th newest");
        assertEquals(19_998, all.get(99)[1]);
        assertEquals(10, s.since(9_990).size(), "a window takes only the points inside it");
    }

    @Test
    void aPointHandedOutCannotChangeTheHistory() {
        ActivitySeries s = new ActivitySeries(2);
        s.add(1, 1);
        s.since(0).get(0)[1] = 99;
        assertEquals(1, s.since(0).get(0)[1]);
    }

    @Test
    void everyFigureHasItsDashboardQuery() {
        var db = org.kaspa.aio.profile.Profile.defaults(org.kaspa.aio.catalog.ServiceCatalog.load()).service("k-indexer").database();
        for (ActivityMetric m : ActivityMetric.values()) {
            assertTrue(m.promql(db).contains("database=\"k-social-db\""), m + ": " + m.promql(db));
        }
    }
}
