package org.kaspa.aio.ui;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A window following one container's log. The engine is called off the UI thread; lines are batched
 * onto it, and only the newest {@link #MAX_LINES} are kept, so a chatty container cannot grow memory
 * without bound. Closing the window stops the stream.
 */
final class LogViewer {
    static final int MAX_LINES = 5000;
    static final int INITIAL_LINES = 500;

    private LogViewer() {
    }

    static Stage open(StatusViewModel vm, StatusViewModel.Row row) {
        String container = row.target().container();
        ObservableList<String> lines = FXCollections.observableArrayList("(connecting to " + container + "…)");
        ListView<String> list = new ListView<>(lines);
        list.setId("log-lines");
        list.getStyleClass().add("mono");
        VBox.setVgrow(list, Priority.ALWAYS);
        Stage stage = new Stage();
        stage.setTitle("Logs: " + container);
        stage.setScene(new Scene(new VBox(list), 860, 480));

        AtomicReference<Closeable> stream = new AtomicReference<>();
        Thread connect = new Thread(() -> {
            try {
                Platform.runLater(lines::clear);
                Closeable s = vm.followLogs(row, batchedOnto(lines, list), () -> Platform.runLater(() -> lines.add("(log stream ended)")));
                stream.set(s);
            } catch (Exception e) {
                Platform.runLater(() -> lines.setAll("(" + e.getMessage() + ")"));
            }
        }, "log-viewer-" + container);
        connect.setDaemon(true);
        connect.start();
        stage.setOnHidden(e -> {
            try {
                Closeable s = stream.get();
                if (s != null) {
                    s.close();
                }
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
