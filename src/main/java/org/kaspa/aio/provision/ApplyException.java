package org.kaspa.aio.provision;

import java.util.List;

/** Apply failed; the message is one line, {@link #logTail()} holds the container's last log lines if any. */
public class ApplyException extends RuntimeException {
    private final List<String> logTail;

    public ApplyException(String message, List<String> logTail, Throwable cause) {
        super(message, cause);
        this.logTail = List.copyOf(logTail);
    }

    public ApplyException(String message) {
        this(message, List.of(), null);
    }

    public List<String> logTail() {
        return logTail;
    }
}
