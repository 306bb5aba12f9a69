package org.kaspa.aio.engine;

import java.time.Duration;
import java.util.List;

/**
 * The engine's own health check for a container ({@code HEALTHCHECK CMD …}), so that {@code docker ps} and
 * a compose file's {@code depends_on: condition: service_healthy} see the same verdict the installer waits for.
 */
public record HealthCheck(List<String> command, Duration interval, Duration timeout, int retries, Duration startPeriod) {
    public HealthCheck {
        command = List.copyOf(command);
    }
}
