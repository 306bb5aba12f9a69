package org.kaspa.aio.profile;

/**
 * Bad user input, reported as one line that names the field and the rule it breaks, e.g.
 * {@code profile.json: services.k-indexer.database.port: must be between 1024 and 65535 (got 80)}.
 * Thrown before anything is changed, so the caller can print it and exit.
 */
public class InvalidInputException extends org.kaspa.aio.errors.UserFacingException {
    private final String source;
    private final String path;
    private final String rule;

    public InvalidInputException(String source, String path, String rule) {
        super(source + ": " + (path.isEmpty() ? "" : path + ": ") + rule);
        this.source = source;
        this.path = path;
        this.rule = rule;
    }

    public String source() {
        return source;
    }

    public String path() {
        return path;
    }

    public String rule() {
        return rule;
    }
}
