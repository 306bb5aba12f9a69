package org.kaspa.aio.health;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.testsupport.FakePostgresServer;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.TestEngine;
import org.kaspa.aio.testsupport.UnixSocketProxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

/** The monitor against real containers being stopped, started and restarted, and a real engine going away. */
class HealthMonitorIT {
    private static KaspaAio app;
    private static DatabaseTarget kSocial;
    private static DatabaseTarget simplyKaspa;

    @BeforeAll
    static void provision() throws IOException {
        app = KaspaAio.installed();
        kSocial = new DatabaseTarget("k-indexer", "k-social-db", Endpoint.direct("127.0.0.1", 5433), "k_social_user", "ksocial");
        simplyKaspa = new DatabaseTarget("simply-kaspa-indexer", "simply-kaspa-db", Endpoint.direct("127.0.0.1", 5434), "simply_kaspa_user", "simply_kaspa");
    }

    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
    }

    private static final class Recorder {
        final List<HealthEvent> events = new CopyOnWriteArrayList<>();

        /** Where the next action's events will start: await(from, …) looks only at what came after. */
        int mark() {
            return events.size();
        }

        HealthEvent await(String service, Predicate<DatabaseHealth> what, Duration timeout) {
            return await(0, service, what, timeout);
        }

        HealthEvent await(int from, String service, Predicate<DatabaseHealth> what, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (int i = from; i < events.size(); i++) {
                    HealthEvent e = events.get(i);
                    if (e.serviceId().equals(service) && what.test(e.current())) {
                        return e;
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ex) {
                    throw new AssertionError(ex);
                }
            }
            throw new AssertionError("no event for " + service + " within " + timeout + "; events: " + describe());
        }

        List<HealthEvent> of(String service) {
            return events.stream().filter(e -> e.serviceId().equals(service)).toList();
        }

        String describe() {
            List<String> out = new ArrayList<>();
            events.forEach(e -> out.add(e.serviceId() + ":" + e.current().readiness() + "/" + e.current().containerState()));
            return String.join(", ", out);
        }
    }

    private static Predicate<DatabaseHealth> is(Readiness r) {
        return h -> h.readiness() == r;
    }

    @Test
    void reportsStopStartAndRestartOnceEachWhileAHangingDatabaseDelaysNobody() throws Exception {
        Recorder rec = new Recorder();
        try (DockerEngine engine = DockerEngine.fromEnvironment();
             FakePostgresServer hanging = new FakePostgresServer(FakePostgresServer.Behaviour.NEVER_ANSWER)) {
            DatabaseTarget stuck = new DatabaseTarget("stuck", "no-such-container", Endpoint.direct("127.0.0.1", hanging.port()), "u", "d");
            ContainerStateSource states = name -> engine.findContainer(name).map(c -> c.state()).orElse(DatabaseHealth.MISSING);
            try (HealthMonitor monitor = new HealthMonitor(List.of(kSocial, simplyKaspa, stuck), states, Duration.ofSeconds(2))) {
                monitor.addListener(rec.events::add).start();
                rec.await("k-indexer", is(Readiness.ACCEPTING), Duration.ofSeconds(5));
                rec.await("simply-kaspa-indexer", is(Readiness.ACCEPTING), Duration.ofSeconds(5));

                long t0 = System.nanoTime();
                int stopped = rec.mark();
                TestEngine.dockerOk("stop", "k-social-db");
                HealthEvent down = rec.await(stopped, "k-indexer", is(Readiness.NO_RESPONSE), Duration.ofSeconds(10));
                long detectedMs = (System.nanoTime() - t0) / 1_000_000;
                // steady polling is 2 s; the stuck target's 2 s probe timeouts must not add to it
                assertTrue(detectedMs < 2_000 + 10_000, "detected after " + detectedMs + " ms");
                rec.await(stopped, "k-indexer", h -> h.containerState().equals("exited"), Duration.ofSeconds(5));

                int started = rec.mark();
                TestEngine.dockerOk("start", "k-social-db");
                rec.await(started, "k-indexer", is(Readiness.ACCEPTING), Duration.ofSeconds(30));

                int before = rec.of("simply-kaspa-indexer").size();
                int restarted = rec.mark();
                TestEngine.dockerOk("restart", "simply-kaspa-db");
                int wentDown = rec.events.indexOf(rec.await(restarted, "simply-kaspa-indexer", h -> h.readiness() != Readiness.ACCEPTING,
                        Duration.ofSeconds(10)));
                rec.await(wentDown, "simply-kaspa-indexer", is(Readiness.ACCEPTING), Duration.ofSeconds(30));
                // the hanging target's first probe (its 2 s timeout) has answered by now
                rec.await("stuck", is(Readiness.NO_RESPONSE), Duration.ofSeconds(5));
                assertTrue(rec.of("simply-kaspa-indexer").size() > before);
                assertNotNull(down.previous());

                // every event is a transition: never the same state twice in a row for a database
                for (String service : List.of("k-indexer", "simply-kaspa-indexer", "stuck")) {
                    List<HealthEvent> evs = rec.of(service);
                    for (int i = 1; i < evs.size(); i++) {
                        assertFalse(evs.get(i).current().sameAs(evs.get(i - 1).current()), service + " repeated: " + rec.describe());
                    }
                }
                assertEquals(1, rec.of("stuck").size(), "the hanging server is reported once: " + rec.describe());
                assertEquals(Readiness.NO_RESPONSE, rec.of("stuck").get(0).current().readiness());
                assertEquals(Readiness.ACCEPTING, monitor.current().get("k-social-db").readiness());
            }
        }
    }

    @Test
    void survivesTheEngineGoingAwayAndComingBack() throws Exception {
        Path realSocket = Path.of(TestEngine.dockerHost().replaceFirst("^unix://", ""));
        Path proxySocket = Files.createTempDirectory("engine-proxy").resolve("docker.sock");
        Recorder rec = new Recorder();
        try (UnixSocketProxy proxy = new UnixSocketProxy(proxySocket, realSocket).open();
             DockerEngine engine = DockerEngine.connect(proxy.dockerHost())) {
            ContainerStateSource states = name -> engine.findContainer(name).map(c -> c.state()).orElse(DatabaseHealth.MISSING);
            try (HealthMonitor monitor = new HealthMonitor(List.of(kSocial), states, Duration.ofMillis(500))) {
                monitor.addListener(rec.events::add).start();
                rec.await("k-indexer", h -> h.readiness() == Readiness.ACCEPTING && h.containerState().equals("running"), Duration.ofSeconds(10));

                proxy.close();
                HealthEvent gone = rec.await("k-indexer", h -> h.containerState().equals(DatabaseHealth.ENGINE_UNREACHABLE), Duration.ofSeconds(10));
                assertEquals(Readiness.ACCEPTING, gone.current().readiness(), "the database itself is still up");

                proxy.open();
                rec.await("k-indexer", h -> h.containerState().equals("running"), Duration.ofSeconds(10));
                long unreachableEvents = rec.of("k-indexer").stream()
                        .filter(e -> e.current().containerState().equals(DatabaseHealth.ENGINE_UNREACHABLE)).count();
                assertEquals(1, unreachableEvents, "reported once: " + rec.describe());
            }
        }
    }
}
