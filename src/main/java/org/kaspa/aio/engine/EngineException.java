package org.kaspa.aio.engine;

/** An engine call failed; the message is one line fit for a user. */
public class EngineException extends org.kaspa.aio.errors.UserFacingException {
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    public EngineException(String message) {
        super(message);
    }
}
