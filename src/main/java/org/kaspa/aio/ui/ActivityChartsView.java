package org.kaspa.aio.ui;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kaspa.aio.activity.ActivityMetric;

/** The Status view's charts: a row of small line charts per database, the window chooser, and the monitoring pages' buttons. */
final class ActivityChartsView {
    private ActivityChartsView() {
    }

    static Node build(ActivityViewModel vm, Browser browser) {
        Label heading = new Label("Activity");
        heading.getStyleClass().add("section-heading");
        ChoiceBox<ActivityViewModel.Window> window = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(ActivityViewModel.Window.values()));
        window.setId("activity-window");
        window.valueProperty().bindBidirectional(vm.windowProperty());
        Label source = new Label();
        source.setId("activity-source");
        source.textProperty().bind(vm.sourceProperty());
        HBox header = new HBox(8, heading, window, source);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        vm.pages().forEach((name, url) -> {
            Button open = new Button("Open " + name);
            open.setId("open-" + name.toLowerCase());
            open.setOnAction(e -> browser.open(url));
            header.getChildren().add(open);
        });
        GridPane grid = new GridPane();
        grid.setId("activity-charts");
        grid.setHgap(4);
        grid.setVgap(2);
        int row = 0;
        for (String db : vm.databases()) {
            Label name = new Label(db);
            name.setMinWidth(110);
            grid.add(name, 0, row);
            int col = 1;
            for (ActivityMetric m : ActivityMetric.values()) {
                grid.add(chart(vm, db, m), col++, row);
            }
            row++;
        }
        for (int c = 1; c <= ActivityMetric.values().length; c++) {
            javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
            cc.setHgrow(Priority.ALWAYS);
            cc.setFillWidth(true);
            if (c == 1) {
                grid.getColumnConstraints().add(new javafx.scene.layout.ColumnConstraints());
            }
            grid.getColumnConstraints().add(cc);
        }
        VBox box = new VBox(4, header, grid);
        box.setPadding(new Insets(4, 0, 0, 0));
        return box;
    }

    private static LineChart<Number, Number> chart(ActivityViewModel vm, String db, ActivityMetric m) {
        // the window's whole span, whatever the points cover: every chart reads the same way
        NumberAxis x = new NumberAxis();
        x.setAutoRanging(false);
        x.setUpperBound(0);
        x.lowerBoundProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> -vm.windowProperty().get().duration().toMinutes() * 1.0, vm.windowProperty()));
        x.tickUnitProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> (double) vm.windowProperty().get().tickMinutes(), vm.windowProperty()));
        x.labelProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.windowProperty().get().duration().toMinutes() > 60 ? "hours ago" : "minutes ago", vm.windowProperty()));
        x.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                long ago = Math.round(-n.doubleValue());
                return String.valueOf(vm.windowProperty().get().duration().toMinutes() > 60 ? ago / 60 : ago);
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("chart-" + db + "-" + m.name().toLowerCase());
        chart.getStyleClass().add("activity-chart");
        chart.setTitle(m.title());
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setPrefSize(210, 150);
        chart.setMinSize(150, 120);
        chart.getData().add(new XYChart.Series<>(vm.points(db, m)));
        return chart;
    }
}
