package org.kaspa.aio.progress;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CancellationTest {
    @Test
    void aRequestBeforeThePointOfNoReturnIsTakenAndStopsTheWork() {
        Cancellation c = new Cancellation();
        c.check();
        assertTrue(c.request());
        assertTrue(c.request(), "asking twice is still taken");
        assertThrows(Cancellation.Cancelled.class, c::check);
        assertFalse(c.commit(), "nothing may follow a taken request");
        assertFalse(c.open());
    }

    @Test
    void aRequestAfterThePointOfNoReturnIsRefused() {
        Cancellation c = new Cancellation();
        assertTrue(c.commit());
        assertFalse(c.request());
        assertFalse(c.requested());
        c.check();
    }

    @Test
    void nobodyAsksTheNoneCancellation() {
        assertTrue(Cancellation.none().commit());
    }
}
