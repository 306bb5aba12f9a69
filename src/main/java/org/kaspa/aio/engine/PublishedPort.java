package org.kaspa.aio.engine;

/** A container port published on the host: {@code hostAddress:hostPort -> containerPort/tcp}. */
public record PublishedPort(String hostAddress, int hostPort, int containerPort) {
}
