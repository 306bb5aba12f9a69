package org.kaspa.aio.app;

import org.kaspa.aio.health.LoginCheck;
import org.kaspa.aio.health.LoginProofs;
import org.kaspa.aio.progress.ProgressEvent;
import org.kaspa.aio.progress.ProgressListener;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Whether each database takes its stored password, asked as soon as apply reports it accepting connections: the
 * login then runs beside what apply still does to that database (its upkeep in the container waits on the
 * engine), instead of after all of it. Asked at the end for a database it never saw ready. A database whose
 * proof on file ({@link LoginProofs}) is the one its running container and stored password make now is not
 * asked again; each real login that succeeds leaves a fresh proof for the caller to keep.
 */
final class StoredLoginChecks implements ProgressListener {
    /** Service id by its database container's name. */
    private final Map<String, String> serviceByContainer;
    private final Function<String, LoginCheck.Result> check;
    /** The proof a service's login would give now, or null where none can stand (no container, a rotation under way). */
    private final Function<String, String> proofNow;
    private final Map<String, String> proofsOnFile;
    private final Map<String, String> freshProofs = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<LoginCheck.Result>> started = new ConcurrentHashMap<>();

    StoredLoginChecks(Map<String, String> serviceByContainer, Function<String, LoginCheck.Result> check,
                      Function<String, String> proofNow, Map<String, String> proofsOnFile) {
        this.serviceByContainer = Map.copyOf(serviceByContainer);
        this.check = check;
        this.proofNow = proofNow;
        this.proofsOnFile = Map.copyOf(proofsOnFile);
    }

    @Override
    public void on(ProgressEvent event) {
        String service = serviceByContainer.get(event.component());
        if (service != null && event.phase() == ProgressEvent.Phase.READY) {
            started.computeIfAbsent(service, s -> {
                CompletableFuture<LoginCheck.Result> result = new CompletableFuture<>();
                Thread t = new Thread(() -> {
                    try {
                        result.complete(proveOrCheck(s));
                    } catch (RuntimeException | Error e) {
                        result.completeExceptionally(e);
                    }
                }, "kaspa-aio-login-check");
                t.setDaemon(true);
                t.start();
                return result;
            });
        }
    }

    private LoginCheck.Result proveOrCheck(String service) {
        String proof = proofNow.apply(service);
        if (proof != null && proof.equals(proofsOnFile.get(service))) {
            return LoginCheck.Result.OK;
        }
        LoginCheck.Result r = check.apply(service);
        if (r == LoginCheck.Result.OK && proof != null) {
            freshProofs.put(service, proof);
        }
        return r;
    }

    /** The proofs this apply's real logins gave, by service: asked after {@link #result} for each. */
    Map<String, String> freshProofs() {
        return Map.copyOf(freshProofs);
    }

    /** The service's answer: the one started when it was ready, else asked now. */
    LoginCheck.Result result(String service) {
        CompletableFuture<LoginCheck.Result> early = started.get(service);
        if (early == null) {
            return proveOrCheck(service);
        }
        try {
            return early.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }
}
