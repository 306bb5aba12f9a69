package org.kaspa.aio.health;

/**
 * For a component that publishes nothing (an exporter, reached only on the kaspa-aio network): ready once
 * started; while apply waits, the provisioner still fails fast if its container stops. Whether it works is
 * what Prometheus's target health says.
 */
public record RunningCheck() implements ReadinessCheck {
    @Override
    public Readiness probe() {
        return Readiness.ACCEPTING;
    }

    @Override
    public String describe() {
        return "runs";
    }

    @Override
    public String readyWords() {
        return "running";
    }
}
