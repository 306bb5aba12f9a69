package org.kaspa.aio.engine;

/**
 * One inspection of a container read three ways: what it is and its state, the limits it runs with, and its
 * engine health check's latest run ({@code null} when it has no health check or no run yet).
 */
public record ContainerCondition(ContainerInfo info, ContainerResources resources, HealthCheckRun lastHealthCheck) {
}
