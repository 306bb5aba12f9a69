package org.kaspa.aio.ui;

import javafx.beans.property.StringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;

/** Small view helpers shared by the step views: a labelled field with its inline error, the clipboard. */
final class Fields {
    private Fields() {
    }

    /** Adds "label | field" to a grid row, with the field's error under it (shown only when there is one). */
    static TextField addField(GridPane grid, int row, String label, String id, StringProperty value, StringProperty error) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(value);
        grid.add(labelFor(label, field), 0, row);
        grid.add(withError(field, errorLabel(id + "-error", error)), 1, row);
        error.addListener((o, a, b) -> field.pseudoClassStateChanged(INVALID, !b.isEmpty()));
        field.pseudoClassStateChanged(INVALID, !error.get().isEmpty());
        return field;
    }

    static final javafx.css.PseudoClass INVALID = javafx.css.PseudoClass.getPseudoClass("invalid");

    static Label labelFor(String text, javafx.scene.Node node) {
        Label l = new Label(text);
        l.setLabelFor(node);
        l.setMnemonicParsing(true);
        return l;
    }

    static Label errorLabel(String id, StringProperty error) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("field-error");
        l.textProperty().bind(error);
        l.setWrapText(true);
        l.visibleProperty().bind(error.isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** A field with its error line underneath, so an error never squeezes the row's other columns. */
    static javafx.scene.layout.VBox withError(javafx.scene.Node field, Label error) {
        return new javafx.scene.layout.VBox(2, field, error);
    }

    /** A grid whose label column never shrinks below its text. */
    static GridPane formGrid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(6);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        g.getColumnConstraints().addAll(labels, fields);
        return g;
    }

    static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }
}
