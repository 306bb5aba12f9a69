package org.kaspa.aio.errors;

import java.util.List;

/**
 * The root of every failure a person is meant to read: the message is one line (what failed and what to
 * do), {@link #details()} holds supporting lines such as a container's last log lines. Front ends catch
 * this one type and print it; anything else escaping the core is a bug.
 */
public class UserFacingException extends RuntimeException {
    private final List<String> details;

    public UserFacingException(String message, List<String> details, Throwable cause) {
        super(message, cause);
        this.details = List.copyOf(details);
    }

    public UserFacingException(String message, Throwable cause) {
        this(message, List.of(), cause);
    }

    public UserFacingException(String message) {
        this(message, List.of(), null);
    }

    public List<String> details() {
        return details;
    }
}
