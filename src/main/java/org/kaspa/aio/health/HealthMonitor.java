package org.kaspa.aio.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls every database concurrently and publishes transitions. Each database has its own scheduler
 * thread, so one slow or hanging database never delays another. While a database is not accepting, or
 * just changed, it is polled fast (~100 ms); once steady, at the steady interval (default 2 s). Engine
 * errors are a state ({@link DatabaseHealth#ENGINE_UNREACHABLE}), never the end of the monitor.
 */
public final class HealthMonitor implements AutoCloseable {
    public static final Duration DEFAULT_STEADY = Duration.ofSeconds(2);
    public static final Duration FAST = Duration.ofMillis(100);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final List<DatabaseTarget> targets;
    private final ContainerStateSource states;
    private final Duration steady;
    private final ReadinessProbe probe = new ReadinessProbe();
    private final Map<String, DatabaseHealth> current = new ConcurrentHashMap<>();
    private final List<Consumer<HealthEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, ScheduledExecutorService> schedulers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public HealthMonitor(List<DatabaseTarget> targets, ContainerStateSource states, Duration steady) {
        this.targets = List.copyOf(targets);
        this.states = states;
        this.steady = steady;
    }

    public HealthMonitor addListener(Consumer<HealthEvent> listener) {
        listeners.add(listener);
        return this;
    }

    /** The latest observation per container. */
    public Map<String, DatabaseHealth> current() {
        return Map.copyOf(current);
    }

    public List<DatabaseTarget> targets() {
        return targets;
    }

    public HealthMonitor start() {
        for (DatabaseTarget t : targets) {
            ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread th = new Thread(r, "health-" + t.container());
                th.setDaemon(true);
                return th;
            });
            schedulers.put(t.container(), s);
            s.execute(() -> poll(t, s));
        }
        return this;
    }

    private void poll(DatabaseTarget t, ScheduledExecutorService scheduler) {
        if (closed) {
            return;
        }
        Duration next = FAST;
        try {
            Readiness r = probe.probe(t.host(), t.port(), t.user(), t.database(), PROBE_TIMEOUT);
            String state;
            try {
                state = states == null ? "unknown" : states.stateOf(t.container());
            } catch (RuntimeException e) {
                state = DatabaseHealth.ENGINE_UNREACHABLE;
            }
            DatabaseHealth previous = current.get(t.container());
            Instant now = Instant.now();
            DatabaseHealth seen = new DatabaseHealth(t, r, state, now);
            if (!seen.sameAs(previous)) {
                current.put(t.container(), seen);
                HealthEvent event = new HealthEvent(previous, seen);
                for (Consumer<HealthEvent> l : listeners) {
                    try {
                        l.accept(event);
                    } catch (RuntimeException listenerFailure) {
                        // a broken listener must not stop the monitoring of this database
                    }
                }
            } else if (r == Readiness.ACCEPTING && previous.since().plus(SETTLE).isBefore(now)) {
                next = steady;
            }
        } finally {
            if (!closed) {
                scheduler.schedule(() -> poll(t, scheduler), next.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        schedulers.values().forEach(ScheduledExecutorService::shutdownNow);
    }
}
