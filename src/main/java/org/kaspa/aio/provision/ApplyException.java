package org.kaspa.aio.provision;

import org.kaspa.aio.errors.UserFacingException;

import java.util.List;

/** Apply failed; the message is one line, {@link #details()} holds the container's last log lines if any. */
public class ApplyException extends UserFacingException {
    public ApplyException(String message, List<String> logTail, Throwable cause) {
        super(message, logTail, cause);
    }

    public ApplyException(String message) {
        this(message, List.of(), null);
    }
}
