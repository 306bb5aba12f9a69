package org.kaspa.aio.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.TestEngine;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine gateway's own calls against the real engine (dockerd, and Podman's Docker API in its run): an exec's
 * two output streams, exit code, long output, progress and interruption, as the engine's own answers show them;
 * and the listings a plan reads, against what {@code docker inspect} says exists.
 */
class DockerEngineIT {
    private static final String CONTAINER = "kaspa-aio-engine-it";
    private static final String SIMILAR_CONTAINER = "kaspa-aio-engine-it-2";
    private static final String VOLUME = "kaspa-aio-engine-it-data";
    private static final String SIMILAR_VOLUME = "kaspa-aio-engine-it-data-2";
    private static DockerEngine engine;
    private static String containerId;

    @BeforeAll
    static void startAContainer() {
        cleanUp();
        containerId = TestEngine.dockerOk("run", "-d", "--name", CONTAINER, "--entrypoint", "sleep", TestEngine.image(), "infinity");
        TestEngine.dockerOk("run", "-d", "--name", SIMILAR_CONTAINER, "--entrypoint", "sleep", TestEngine.image(), "infinity");
        TestEngine.dockerOk("volume", "create", "--label", "kaspa-aio.test=engine-it", VOLUME);
        TestEngine.dockerOk("volume", "create", SIMILAR_VOLUME);
        engine = DockerEngine.connect(TestEngine.dockerHost());
    }

    @AfterAll
    static void cleanUp() {
        if (engine != null) {
            try {
                engine.close();
            } catch (IOException ignored) {
                // the engine's own containers are removed below either way
            }
        }
        TestEngine.docker("rm", "-f", CONTAINER, SIMILAR_CONTAINER);
        TestEngine.docker("volume", "rm", "-f", VOLUME, SIMILAR_VOLUME);
    }

    @Test
    void anExecKeepsStdoutAndStderrApartAndGivesTheCommandsExitCode() {
        ExecResult r = engine.exec(containerId, List.of("sh", "-c", "echo out; echo err >&2; echo more out; exit 3"));
        assertEquals(3, r.exitCode());
        assertEquals("out\nmore out\n", r.stdout());
        assertEquals("err\n", r.stderr());
        assertEquals(0, engine.exec(containerId, List.of("true")).exitCode());
    }

    @Test
    void anExecsLongOutputArrivesWhole() {
        // more than the engine puts in one frame (32 KB), with a known last line
        ExecResult r = engine.exec(containerId, List.of("sh", "-c", "head -c 300000 /dev/zero | tr '\\0' x; echo; echo last"));
        assertEquals(0, r.exitCode());
        assertEquals(300000 + "\nlast\n".length(), r.stdout().length());
        assertTrue(r.stdout().endsWith("x\nlast\n"));
    }

    @Test
    void aLongExecReportsThatItStillRuns() {
        List<Long> heard = new CopyOnWriteArrayList<>();
        ExecResult r = engine.exec(containerId, List.of("sleep", "6"), heard::add);
        assertEquals(0, r.exitCode());
        assertFalse(heard.isEmpty(), "no progress during a 6 s command");
        assertTrue(heard.get(0) >= DockerEngine.EXEC_HEARTBEAT.toSeconds() - 1, "seconds elapsed: " + heard);
    }

    @Test
    void anInterruptedExecEndsAtOnceWithTheInterruptKept() throws Exception {
        CompletableFuture<Boolean> interruptKept = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                engine.exec(containerId, List.of("sleep", "30"));
                interruptKept.completeExceptionally(new AssertionError("the exec ran to its end"));
            } catch (EngineException e) {
                interruptKept.complete(Thread.currentThread().isInterrupted() && e.getMessage().contains("interrupted"));
            } catch (RuntimeException e) {
                interruptKept.completeExceptionally(e);
            }
        });
        caller.start();
        Thread.sleep(1500);
        long t0 = System.nanoTime();
        caller.interrupt();
        assertTrue(interruptKept.get(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void anExecInAContainerThatIsGoneFailsWithTheEnginesWord() {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> CompletableFuture.supplyAsync(() -> engine.exec("no-such-container-kaspa-aio", List.of("true"))).get(30, TimeUnit.SECONDS));
        assertInstanceOf(EngineException.class, e.getCause());
        assertTrue(e.getCause().getMessage().toLowerCase().contains("no such container"), e.getCause().getMessage());
    }

    @Test
    void theListingsFindExactlyTheNamesThatExist() {
        Map<String, ContainerInfo> containers = engine.containersNamed(Set.of(CONTAINER, CONTAINER + "-missing", "kaspa-aio-engine"));
        assertEquals(Set.of(CONTAINER), containers.keySet(), "a name that another begins with, or that begins another, is not it");
        assertEquals(TestEngine.containerId(CONTAINER), containers.get(CONTAINER).id());
        assertEquals(engine.findContainer(CONTAINER).orElseThrow(), containers.get(CONTAINER));

        Map<String, VolumeInfo> volumes = engine.volumesNamed(Set.of(VOLUME, VOLUME + "-missing", "kaspa-aio-engine-it"));
        assertEquals(Set.of(VOLUME), volumes.keySet());
        assertEquals(engine.findVolume(VOLUME).orElseThrow(), volumes.get(VOLUME));
        assertEquals("engine-it", volumes.get(VOLUME).labels().get("kaspa-aio.test"));
        assertEquals(List.of(volumes.get(VOLUME)), engine.volumesWithLabel("kaspa-aio.test"), "the labelled one only");
        assertEquals(Map.of(), engine.containersNamed(Set.of()));
    }
}
