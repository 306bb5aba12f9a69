package org.kaspa.aio.health;

/** libpq's PGPing values, in pg_isready's exit-code order and wording. */
public enum Readiness {
    ACCEPTING(0, "accepting connections"),
    REJECTING(1, "rejecting connections"),
    NO_RESPONSE(2, "no response"),
    NO_ATTEMPT(3, "no attempt");

    private final int exitCode;
    private final String text;

    Readiness(int exitCode, String text) {
        this.exitCode = exitCode;
        this.text = text;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The words pg_isready prints after {@code host:port - }. */
    public String text() {
        return text;
    }
}
