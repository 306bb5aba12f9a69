package org.kaspa.aio.app;

import org.junit.jupiter.api.Test;
import org.kaspa.aio.health.LoginCheck;
import org.kaspa.aio.progress.ProgressEvent;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredLoginChecksTest {
    private static final Function<String, String> NO_PROOF = service -> null;
    private static final Map<String, String> DATABASES = Map.of("k-social-db", "k-indexer", "simply-kaspa-db", "simply-kaspa-indexer");

    @Test
    void aDatabaseReportedReadyIsCheckedOnAnotherThreadBeforeItsResultIsAsked() throws Exception {
        CountDownLatch checking = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        StoredLoginChecks checks = new StoredLoginChecks(DATABASES, service -> {
            threads.add(Thread.currentThread().getName());
            checking.countDown();
            return LoginCheck.Result.REFUSED;
        }, NO_PROOF, Map.of());
        checks.on(ProgressEvent.of("k-social-db", ProgressEvent.Phase.READY, "accepting connections (5 ms)"));
        assertTrue(checking.await(10, TimeUnit.SECONDS), "the check started when the database was ready");
        assertNotEquals(Thread.currentThread().getName(), threads.get(0));
        assertEquals(LoginCheck.Result.REFUSED, checks.result("k-indexer"));
        assertEquals(1, threads.size(), "the early answer is the one given; no second login");
    }

    @Test
    void otherComponentsAndPhasesStartNothingAndADatabaseNeverSeenReadyIsCheckedWhenAsked() {
        List<String> checked = new CopyOnWriteArrayList<>();
        StoredLoginChecks checks = new StoredLoginChecks(DATABASES, service -> {
            checked.add(service + " on " + Thread.currentThread().getName());
            return LoginCheck.Result.OK;
        }, NO_PROOF, Map.of());
        checks.on(ProgressEvent.of("k-social-db-pooler", ProgressEvent.Phase.READY, "accepting connections"));
        checks.on(ProgressEvent.of("simply-kaspa-db", ProgressEvent.Phase.WAITING, "waiting until it accepts connections"));
        checks.on(ProgressEvent.of("simply-kaspa-db", ProgressEvent.Phase.DONE, "done"));
        assertEquals(List.of(), checked);
        assertEquals(LoginCheck.Result.OK, checks.result("simply-kaspa-indexer"));
        assertEquals(List.of("simply-kaspa-indexer on " + Thread.currentThread().getName()), checked);
    }

    @Test
    void aDatabaseReadyTwiceInOneApplyIsCheckedOnce() {
        List<String> checked = new CopyOnWriteArrayList<>();
        StoredLoginChecks checks = new StoredLoginChecks(DATABASES, service -> {
            checked.add(service);
            return LoginCheck.Result.OK;
        }, NO_PROOF, Map.of());
        checks.on(ProgressEvent.of("k-social-db", ProgressEvent.Phase.READY, "accepting connections"));
        checks.on(ProgressEvent.of("k-social-db", ProgressEvent.Phase.READY, "accepting connections"));
        assertEquals(LoginCheck.Result.OK, checks.result("k-indexer"));
        assertEquals(List.of("k-indexer"), checked);
    }

    @Test
    void aCheckThatFailedFailsTheResultWithItsOwnException() {
        IllegalStateException broken = new IllegalStateException("no route to the database");
        StoredLoginChecks checks = new StoredLoginChecks(DATABASES, service -> {
            throw broken;
        }, NO_PROOF, Map.of());
        checks.on(ProgressEvent.of("k-social-db", ProgressEvent.Phase.READY, "accepting connections"));
        assertSame(broken, assertThrows(IllegalStateException.class, () -> checks.result("k-indexer")));
    }

    @Test
    void aProofOnFileThatMatchesTheOneNowStandsForTheLoginAndGivesNoFreshProof() {
        List<String> checked = new CopyOnWriteArrayList<>();
        StoredLoginChecks checks = new StoredLoginChecks(DATABASES, service -> {
            checked.add(service);
            return LoginCheck.Result.OK;
        }, service -> "proof-of-" + service, Map.of("k-indexer", "proof-of-k-indexer", "simply-kaspa-indexer", "an-older-proof"));
        checks.on(ProgressEvent.of("k-social-db", ProgressEvent.Phase.READY, "accepting connections"));
        assertEquals(LoginCheck.Result.OK, checks.result("k-indexer"));
        assertEquals(LoginCheck.Result.OK, checks.result("simply-kaspa-indexer"));
        assertEquals(List.of("simply-kaspa-indexer"), checked, "only the database whose proof is not the one it would give now logs in");
        assertEquals(Map.of("simply-kaspa-indexer", "proof-of-simply-kaspa-indexer"), checks.freshProofs());
    }

    @Test
    void aRefusedLoginOrOneWithoutAProofNowLeavesNoFreshProof() {
        StoredLoginChecks checks = new StoredLoginChecks(DATABASES,
                service -> service.equals("k-indexer") ? LoginCheck.Result.REFUSED : LoginCheck.Result.OK,
                service -> service.equals("k-indexer") ? "proof-of-k-indexer" : null, Map.of());
        assertEquals(LoginCheck.Result.REFUSED, checks.result("k-indexer"));
        assertEquals(LoginCheck.Result.OK, checks.result("simply-kaspa-indexer"));
        assertEquals(Map.of(), checks.freshProofs());
    }

    @Test
    void withoutAProofNowAProofOnFileIsNotTrusted() {
        List<String> checked = new CopyOnWriteArrayList<>();
        // a rotation under way (or no container found) gives no proof now: the one on file cannot stand for it
        StoredLoginChecks checks = new StoredLoginChecks(DATABASES, service -> {
            checked.add(service);
            return LoginCheck.Result.REFUSED;
        }, NO_PROOF, Map.of("k-indexer", "proof-of-k-indexer"));
        assertEquals(LoginCheck.Result.REFUSED, checks.result("k-indexer"));
        assertEquals(List.of("k-indexer"), checked);
    }
}
