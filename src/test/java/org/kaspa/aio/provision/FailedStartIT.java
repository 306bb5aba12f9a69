package org.kaspa.aio.provision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.Rows;
import org.kaspa.aio.testsupport.TestEngine;

import static org.junit.jupiter.api.Assertions.*;
import static org.kaspa.aio.testsupport.TestEngine.docker;
import static org.kaspa.aio.testsupport.TestEngine.dockerOk;

/**
 * A start that fails leaves nothing that blocks the retry (Podman keeps a published port reserved by a
 * container that failed to start), and a failed change leaves the running database as it was. Runs on
 * dockerd and on Podman.
 */
class FailedStartIT {
    private static final String BROKEN = "kaspa-aio-test/exits-at-once:2";

    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
        docker("rmi", BROKEN);
    }

    private static ObjectNode db(ObjectNode profile, String service) {
        return (ObjectNode) profile.path("services").path(service).path("database");
    }

    @Test
    void aFailedFirstStartThenTheRightImageAndAFailedChangeThenTheOldOneStillUp() throws Exception {
        docker("rm", "-f", "broken-src");
        dockerOk("create", "--name", "broken-src", "--label", "kaspa-aio-test=helper", TestEngine.image());
        TestEngine.commit("broken-src", "ENTRYPOINT [\"/bin/false\"]", BROKEN);
        dockerOk("rm", "broken-src");

        KaspaAio app = KaspaAio.fresh();
        app.editProfile(p -> db(p, "k-indexer").put("image", BROKEN));
        Proc.Result failed = app.run("apply", "--timeout", "20");
        assertEquals(1, failed.exitCode(), failed.toString());
        assertTrue(failed.stderr().startsWith("kaspa-aio: k-social-db "), failed.stderr()); // stopped, or restarting until the timeout

        app.editProfile(p -> db(p, "k-indexer").put("image", TestEngine.image()));
        Proc.Result retry = app.run("apply");
        assertEquals(0, retry.exitCode(), "the retry on the same port is not blocked: " + retry);
        assertEquals(0, app.run("status").exitCode());
        Rows.write(5433, "k_social_user", "ksocial", app.password("k-indexer"), 10);

        String id = TestEngine.containerId("k-social-db");
        app.editProfile(p -> db(p, "k-indexer").put("image", BROKEN).put("port", 15801));
        Proc.Result change = app.run("apply", "--timeout", "20");
        assertEquals(1, change.exitCode(), change.toString());
        assertTrue(change.stderr().contains("the previous container was started again unchanged"), change.stderr());
        assertEquals(id, TestEngine.containerId("k-social-db"));
        // started again: it accepts again once its recovery-free start is over (the real pg_isready says when)
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (Proc.run("pg_isready", "-h", "127.0.0.1", "-p", "5433").exitCode() != 0) {
            assertTrue(System.nanoTime() < deadline, "the previous container never accepted again");
            Thread.sleep(200);
        }
        assertEquals(10, Rows.count(5433, "k_social_user", "ksocial", app.password("k-indexer")), "still up on its old port");

        app.editProfile(p -> db(p, "k-indexer").put("image", TestEngine.image()).put("port", 15801));
        assertEquals(0, app.run("apply").exitCode(), "and the change goes through once the image is right");
        assertEquals(10, Rows.count(15801, "k_social_user", "ksocial", app.password("k-indexer")));
    }
}
