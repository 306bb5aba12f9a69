package org.kaspa.aio.app;

/** How to reach one database: from containers on the shared network, and from this machine. */
public record ConnectionStrings(String serviceId, String fromContainers, String fromThisMachine) {
}
