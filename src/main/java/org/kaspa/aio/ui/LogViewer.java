package org.kaspa.aio.ui;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.kaspa.aio.engine.DockerEngine;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A window following one container's log. Lines are streamed from the engine and batched onto the UI
 * thread; only the newest {@link #MAX_LINES} are kept, so a chatty container cannot grow memory without
 * bound. Closing the window stops the stream.
 */
final class LogViewer {
    static final int MAX_LINES = 5000;

    private LogViewer() {
    }

    static Stage open(String container, Supplier<DockerEngine> engines) {
        ObservableList<String> lines = FXCollections.observableArrayList();
        ListView<String> list = new ListView<>(lines);
        list.setId("log-lines");
        list.getStyleClass().add("mono");
        Stage stage = new Stage();
        stage.setTitle("Logs: " + container);
        stage.setScene(new Scene(new VBox(list), 860, 480));
        VBox.setVgrow(list, javafx.scene.layout.Priority.ALWAYS);
        List<String> pending = new ArrayList<>();
        DockerEngine engine = engines.get();
        var found = engine.findContainer(container);
        if (found.isEmpty()) {
            lines.add("(no container " + container + ")");
            stage.show();
            return stage;
        }
        Closeable stream = engine.followLogs(found.get().id(), 500, true, line -> {
            synchronized (pending) {
                boolean schedule = pending.isEmpty();
                pending.add(line);
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
            }
        }, () -> Platform.runLater(() -> lines.add("(log stream ended)")));
        stage.setOnHidden(e -> {
            try {
                stream.close();
                engine.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        });
        stage.show();
        return stage;
    }
}
