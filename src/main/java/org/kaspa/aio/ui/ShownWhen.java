package org.kaspa.aio.ui;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

import java.util.function.Supplier;

/**
 * A part of a view that is built only once it is first needed: an empty, unmanaged holder until the
 * condition first holds, then the part (built once), shown while the condition holds. The controls most
 * windows never show (an engine chooser, an install log, a plaintext warning) then cost nothing before
 * the first frame: a control's skin, CSS and classes are the bulk of a view's start-up.
 */
final class ShownWhen {
    private ShownWhen() {
    }

    static Node build(ObservableBooleanValue condition, Supplier<Node> part) {
        VBox holder = new VBox();
        holder.visibleProperty().bind(condition);
        holder.managedProperty().bind(condition);
        Runnable buildOnce = () -> {
            if (condition.get() && holder.getChildren().isEmpty()) {
                holder.getChildren().add(part.get());
            }
        };
        condition.addListener((o, was, now) -> buildOnce.run());
        buildOnce.run();
        return holder;
    }
}
