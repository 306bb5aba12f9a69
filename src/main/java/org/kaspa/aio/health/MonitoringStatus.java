package org.kaspa.aio.health;

import java.util.List;

/**
 * The monitoring stack in {@code status}: whether Prometheus is ready (through its published port), the
 * alerts firing now, and each scrape target's health; {@code error} says why Prometheus could not be read.
 */
public record MonitoringStatus(Endpoint prometheus, Readiness readiness, List<PrometheusApi.Alert> firing,
                               List<PrometheusApi.Target> targets, String error) {
    public MonitoringStatus {
        firing = List.copyOf(firing);
        targets = List.copyOf(targets);
    }
}
