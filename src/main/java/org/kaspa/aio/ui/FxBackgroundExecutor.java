package org.kaspa.aio.ui;

import javafx.application.Platform;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Work on daemon threads, results back on the JavaFX Application Thread. */
public final class FxBackgroundExecutor implements BackgroundExecutor {
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kaspa-aio-background");
        t.setDaemon(true);
        return t;
    });

    @Override
    public <T> Task run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Future<?> f = pool.submit(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Throwable e) {
                Platform.runLater(() -> onFailure.accept(e));
            }
        });
        return () -> f.cancel(true);
    }

    @Override
    public void onUiThread(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
