package org.kaspa.aio.ui;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.kaspa.aio.engine.DockerEngine;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A window following one container's log. The engine is called off the UI thread; lines are batched
 * onto it, and only the newest {@link #MAX_LINES} are kept, so a chatty container cannot grow memory
 * without bound. Closing the window stops the stream.
 */
final class LogViewer {
    static final int MAX_LINES = 5000;

    private LogViewer() {
    }

    static Stage open(String container, Supplier<DockerEngine> engines) {
        ObservableList<String> lines = FXCollections.observableArrayList("(connecting to " + container + "…)");
        ListView<String> list = new ListView<>(lines);
        list.setId("log-lines");
        list.getStyleClass().add("mono");
        VBox.setVgrow(list, Priority.ALWAYS);
        Stage stage = new Stage();
        stage.setTitle("Logs: " + container);
        stage.setScene(new Scene(new VBox(list), 860, 480));

        DockerEngine engine = engines.get();
        AtomicReference<Closeable> stream = new AtomicReference<>();
        Thread connect = new Thread(() -> {
            var found = engine.findContainer(container);
            if (found.isEmpty()) {
                Platform.runLater(() -> lines.setAll("(no container " + container + ")"));
                return;
            }
            Platform.runLater(lines::clear);
            stream.set(engine.followLogs(found.get().id(), 500, true, batchedOnto(lines, list),
                    () -> Platform.runLater(() -> lines.add("(log stream ended)"))));
        }, "log-viewer-" + container);
        connect.setDaemon(true);
        connect.start();
        stage.setOnHidden(e -> {
            try {
                Closeable s = stream.get();
                if (s != null) {
                    s.close();
                }
                engine.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        });
        stage.show();
        return stage;
    }

    /** Collects lines from the stream thread and hands them to the UI thread in one runLater per batch. */
    private static Consumer<String> batchedOnto(ObservableList<String> lines, ListView<String> list) {
        List<String> pending = new ArrayList<>();
        return line -> {
            boolean schedule;
            synchronized (pending) {
                schedule = pending.isEmpty();
                pending.add(line);
            }
            if (schedule) {
                Platform.runLater(() -> {
                    List<String> batch;
                    synchronized (pending) {
                        batch = new ArrayList<>(pending);
                        pending.clear();
                    }
                    lines.addAll(batch);
                    if (lines.size() > MAX_LINES) {
                        lines.remove(0, lines.size() - MAX_LINES);
                    }
                    list.scrollTo(lines.size() - 1);
                });
            }
        };
    }
}
