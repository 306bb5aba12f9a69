package org.kaspa.aio.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.TestEngine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Finding the real test engine the ways a desktop user's machine offers it, with no DOCKER_HOST. */
class EnginesIT {
    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
    }

    @Test
    void theTestEngineIsFoundThroughTheCurrentDockerContextAndRememberedInTheProfile() throws Exception {
        KaspaAio app = KaspaAio.fresh();
        Path dockerConfig = Files.createTempDirectory("docker-config");
        Path meta = dockerConfig.resolve("contexts/meta").resolve(EngineDiscovery.sha256("kaspa-test"));
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"kaspa-test\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\""
                + TestEngine.dockerHost() + "\",\"SkipTLSVerify\":false}}}");
        Files.writeString(dockerConfig.resolve("config.json"), "{\"currentContext\":\"kaspa-test\"}");
        KaspaAio viaContext = new KaspaAio(app.home()).withoutEnv("DOCKER_HOST").withEnv("DOCKER_CONFIG", dockerConfig.toString());

        Proc.Result engines = viaContext.run("engines");
        assertEquals(0, engines.exitCode(), engines.toString());
        assertTrue(engines.stdout().startsWith("* kaspa-test at " + TestEngine.dockerHost() + " (current docker context): Docker 20."),
                engines.stdout());
        viaContext.ok("apply");
        assertEquals(0, viaContext.run("status").exitCode());

        // remembered: found with neither DOCKER_HOST nor a docker context
        viaContext.ok("engines", "--use", TestEngine.dockerHost());
        assertEquals(TestEngine.dockerHost(), app.profile().path("engine").path("host").asText());
        KaspaAio remembered = new KaspaAio(app.home()).withoutEnv("DOCKER_HOST").withEnv("DOCKER_CONFIG", Files.createTempDirectory("empty").toString());
        assertEquals(0, remembered.run("status").exitCode());
        assertTrue(remembered.ok("engines").stdout().contains("* profile.json at " + TestEngine.dockerHost()));
    }

    @Test
    void aPlaintextTcpEngineIsRefusedUnlessAcceptedAndSshSaysWhatToDo() throws Exception {
        KaspaAio app = KaspaAio.fresh();
        Proc.Result refused = app.run("--engine", "tcp://127.0.0.1:9", "status");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertEquals(1, refused.stderr().trim().lines().count(), refused.stderr());
        assertTrue(refused.stderr().startsWith("kaspa-aio: the engine tcp://127.0.0.1:9 is reached without TLS"), refused.stderr());
        Proc.Result accepted = app.run("plan", "--engine", "tcp://127.0.0.1:9", "--insecure-engine");
        assertEquals(1, accepted.exitCode());
        assertTrue(accepted.stderr().contains("not reachable at tcp://127.0.0.1:9"), "accepted, then simply not there: " + accepted.stderr());
        // accepted once and remembered: a later run that names it, or names none, needs no --insecure-engine
        app.ok("engines", "--use", "tcp://127.0.0.1:9", "--insecure-engine");
        Proc.Result named = app.run("--engine", "tcp://127.0.0.1:9", "plan");
        assertTrue(named.stderr().contains("not reachable at tcp://127.0.0.1:9"), "remembered as accepted: " + named.stderr());
        Proc.Result rememberedOnly = new KaspaAio(app.home()).withoutEnv("DOCKER_HOST")
                .withEnv("DOCKER_CONFIG", Files.createTempDirectory("empty").toString()).run("plan");
        assertTrue(rememberedOnly.stderr().contains("not reachable at tcp://127.0.0.1:9"), "remembered as accepted: " + rememberedOnly.stderr());
        Proc.Result otherPlain = app.run("--engine", "tcp://127.0.0.1:8", "plan");
        assertTrue(otherPlain.stderr().startsWith("kaspa-aio: the engine tcp://127.0.0.1:8 is reached without TLS"), "another host is not: "
                + otherPlain.stderr());
        Proc.Result ssh = app.run("--engine", "ssh://someone@192.0.2.1", "plan");
        assertTrue(ssh.stderr().contains("forward its socket"), ssh.stderr());
    }
}
