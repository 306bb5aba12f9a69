package org.kaspa.aio.app;

import org.kaspa.aio.health.LoginCheck;
import org.kaspa.aio.progress.ProgressEvent;
import org.kaspa.aio.progress.ProgressListener;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Whether each database takes its stored password, asked as soon as apply reports it accepting connections: the
 * login then runs beside what apply still does to that database (its upkeep in the container waits on the
 * engine), instead of after all of it. Asked at the end for a database it never saw ready.
 */
final class StoredLoginChecks implements ProgressListener {
    /** Service id by its database container's name. */
    private final Map<String, String> serviceByContainer;
    private final Function<String, LoginCheck.Result> check;
    private final Map<String, CompletableFuture<LoginCheck.Result>> started = new ConcurrentHashMap<>();

    StoredLoginChecks(Map<String, String> serviceByContainer, Function<String, LoginCheck.Result> check) {
        this.serviceByContainer = Map.copyOf(serviceByContainer);
        this.check = check;
    }

    @Override
    public void on(ProgressEvent event) {
        String service = serviceByContainer.get(event.component());
        if (service != null && event.phase() == ProgressEvent.Phase.READY) {
            started.computeIfAbsent(service, s -> {
                CompletableFuture<LoginCheck.Result> result = new CompletableFuture<>();
                Thread t = new Thread(() -> {
                    try {
                        result.complete(check.apply(s));
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

    /** The service's answer: the one started when it was ready, else asked now. */
    LoginCheck.Result result(String service) {
        CompletableFuture<LoginCheck.Result> early = started.get(service);
        if (early == null) {
            return check.apply(service);
        }
        try {
            return early.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }
}
