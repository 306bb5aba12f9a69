package org.kaspa.aio.engine;

/** Outcome of a command run inside a container. */
public record ExecResult(int exitCode, String stdout, String stderr) {
}
