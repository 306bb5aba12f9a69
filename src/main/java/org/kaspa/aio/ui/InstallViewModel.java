package org.kaspa.aio.ui;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.kaspa.aio.errors.UserFacingException;
import org.kaspa.aio.progress.ProgressEvent;
import org.kaspa.aio.progress.ProgressListener;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 5: runs the core's apply in the background and shows it per resource (pull progress, create,
 * start, first accepting) with a log. Cancel interrupts the apply; since apply converges from whatever
 * it finds, running it again (Retry) finishes the job. A failure keeps the container's last log lines.
 */
public final class InstallViewModel {
    /** CANCELLING: Cancel was pressed and the run has not ended yet; Retry waits for CANCELLED. */
    public enum State { IDLE, RUNNING, DONE, FAILED, CANCELLING, CANCELLED }

    /** One row of progress: a resource, what is happening to it, and a fraction (-1 while unknown). */
    public static final class ResourceProgress {
        private final String resource;
        private final StringProperty status = new SimpleStringProperty("waiting");
        private final DoubleProperty progress = new SimpleDoubleProperty(-1);

        ResourceProgress(String resource) {
            this.resource = resource;
        }

        public String resource() { return resource; }
        public StringProperty statusProperty() { return status; }
        public DoubleProperty progressProperty() { return progress; }
    }

    /** What Install runs: the apply, reporting to the listener. */
    @FunctionalInterface
    public interface ApplyRun {
        void apply(ProgressListener listener) throws Exception;
    }

    private final BackgroundExecutor executor;
    private final ObservableList<ResourceProgress> resources = FXCollections.observableArrayList();
    private final Map<String, ResourceProgress> byName = new LinkedHashMap<>();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.IDLE);
    private final StringProperty failure = new SimpleStringProperty("");
    private final ObservableList<String> failureLog = FXCollections.observableArrayList();
    private BackgroundExecutor.Task running;
    /** Which run the callbacks belong to: those of an earlier run are ignored. */
    private int generation;

    public InstallViewModel(BackgroundExecutor executor) {
        this.executor = executor;
    }

    public void start(ApplyRun run) {
        if (state.get() == State.RUNNING || state.get() == State.CANCELLING) {
            return;
        }
        int run0 = ++generation;
        state.set(State.RUNNING);
        failure.set("");
        failureLog.clear();
        resources.clear();
        byName.clear();
        ProgressListener listener = e -> executor.onUiThread(() -> {
            if (run0 == generation) {
                show(e);
            }
        });
        running = executor.run(() -> {
            run.apply(listener);
            return Boolean.TRUE;
        }, ok -> {
            if (run0 != generation) {
                return;
            }
            if (state.get() == State.CANCELLING) {
                cancelled();
                return;
            }
            log.add("Done: every selected database accepts connections.");
            state.set(State.DONE);
        }, e -> {
            if (run0 != generation) {
                return;
            }
            if (state.get() == State.CANCELLING) {
                cancelled();
                return;
            }
            failure.set(String.valueOf(e.getMessage()));
            if (e instanceof UserFacingException ufe) {
                failureLog.setAll(ufe.details());
            }
            log.add("Failed: " + e.getMessage());
            state.set(State.FAILED);
        });
    }

    public void cancel() {
        if (state.get() == State.RUNNING && running != null) {
            state.set(State.CANCELLING);
            log.add("Cancelling: waiting for the running step to stop…");
            running.cancel();
        }
    }

    /** The cancelled run has really ended: only now may it be run again. */
    private void cancelled() {
        state.set(State.CANCELLED);
        log.add("Cancelled. Nothing is lost: Install again converges from where this stopped.");
    }

    /** One event: the component's row shows it; every step but a pull's ticks goes to the log. */
    private void show(ProgressEvent e) {
        ResourceProgress r = row(e.component());
        r.status.set(e.message());
        if (e.fraction() >= 0) {
            r.progress.set(e.fraction());
        }
        if (e.phase() != ProgressEvent.Phase.PULLING || e.fraction() < 0) {
            log.add(e.line());
        }
    }

    private ResourceProgress row(String resource) {
        return byName.computeIfAbsent(resource, r -> {
            ResourceProgress p = new ResourceProgress(r);
            resources.add(p);
            return p;
        });
    }

    public ObservableList<ResourceProgress> resources() { return resources; }
    public ObservableList<String> log() { return log; }
    public ObjectProperty<State> stateProperty() { return state; }
    public StringProperty failureProperty() { return failure; }
    public List<String> failureLog() { return failureLog; }
}
