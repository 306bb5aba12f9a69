package org.kaspa.aio.cli;

/** Bad command-line arguments; printed with the command's usage, exit code 2. */
public class UsageException extends org.kaspa.aio.errors.UserFacingException {
    public UsageException(String message) {
        super(message);
    }
}
