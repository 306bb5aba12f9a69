package org.kaspa.aio.ui;

import javafx.application.Platform;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Work on daemon threads, results back on the JavaFX Application Thread. */
public final class FxBackgroundExecutor implements BackgroundExecutor {
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kaspa-aio-background");
        t.setDaemon(true);
        return t;
    });

    /**
     * Every piece of work reports exactly once, also when it is cancelled (before it started, too), so
     * that a ViewModel knows when a cancelled run has really ended. Cancel interrupts the worker thread.
     */
    @Override
    public <T> Task run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Thread> runner = new java.util.concurrent.atomic.AtomicReference<>();
        pool.submit(() -> {
            runner.set(Thread.currentThread());
            try {
                if (cancelled.get()) {
                    throw new java.util.concurrent.CancellationException("cancelled before it started");
                }
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Throwable e) {
                Platform.runLater(() -> onFailure.accept(e));
            } finally {
                synchronized (runner) {
                    runner.set(null);
                    Thread.interrupted(); // a late cancel must not leak into the pool's next task
                }
            }
        });
        return () -> {
            cancelled.set(true);
            synchronized (runner) {
                Thread t = runner.get();
                if (t != null) {
                    t.interrupt();
                }
            }
        };
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
