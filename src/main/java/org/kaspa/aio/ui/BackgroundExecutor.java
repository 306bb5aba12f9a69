package org.kaspa.aio.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * How ViewModels run long work (engine calls, apply, probes) off the JavaFX thread. Callbacks come back
 * on the UI thread in the app; {@link #synchronous()} runs everything inline, for ViewModel tests.
 */
public interface BackgroundExecutor {

    /** A handle to cancel running work (interrupts its thread). */
    interface Task {
        void cancel();
    }

    <T> Task run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs a callback on the UI thread (inline for the synchronous executor). */
    void onUiThread(Runnable r);

    static BackgroundExecutor synchronous() {
        return new BackgroundExecutor() {
            @Override
            public <T> Task run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
                try {
                    onSuccess.accept(work.call());
                } catch (Exception e) {
                    onFailure.accept(e);
                }
                return () -> {
                };
            }

            @Override
            public void onUiThread(Runnable r) {
                r.run();
            }
        };
    }
}
