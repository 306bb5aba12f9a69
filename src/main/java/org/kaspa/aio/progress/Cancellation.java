package org.kaspa.aio.progress;

import org.kaspa.aio.errors.UserFacingException;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A person's Cancel for long work that has a point of no return. Until {@link #commit()} a request is taken:
 * the work stops at its next wait (each polls {@link #check()}, at most half a second apart) and undoes what it
 * made. After it a request is refused: the step under way (switching a database to its restored volume)
 * finishes, since stopping it halfway would leave neither the old state nor the new. Asking never does engine
 * work itself, so a front end may ask from its UI thread.
 */
public final class Cancellation {
    private enum State { OPEN, REQUESTED, COMMITTED }

    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);

    /** Thrown at the work's next wait after a request; its message is the line a person reads. */
    public static final class Cancelled extends UserFacingException {
        public Cancelled(String message) {
            super(message);
        }
    }

    /** A cancellation nobody asks for (the CLI's restore). */
    public static Cancellation none() {
        return new Cancellation();
    }

    /** Asks to cancel: true when taken (or taken already), false when the work is past its point of no return. */
    public boolean request() {
        return state.compareAndSet(State.OPEN, State.REQUESTED) || state.get() == State.REQUESTED;
    }

    public boolean requested() {
        return state.get() == State.REQUESTED;
    }

    /** Whether a request can still be taken. */
    public boolean open() {
        return state.get() == State.OPEN;
    }

    /** Throws {@link Cancelled} when asked. */
    public void check() {
        if (requested()) {
            throw new Cancelled("cancelled");
        }
    }

    /** The point of no return: true when reached, false when cancel was asked first (then nothing may follow). */
    public boolean commit() {
        return state.compareAndSet(State.OPEN, State.COMMITTED);
    }
}
