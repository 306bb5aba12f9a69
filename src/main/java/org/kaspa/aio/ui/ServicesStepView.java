package org.kaspa.aio.ui;

import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kaspa.aio.catalog.CatalogService;
import org.kaspa.aio.catalog.ServiceCatalog;

/** Step 2 view: one checkbox per service with what it stores and where. */
final class ServicesStepView {
    private ServicesStepView() {
    }

    static Node build(ServicesViewModel vm, ServiceCatalog catalog) {
        Label heading = new Label("Which indexers will you run?");
        heading.getStyleClass().add("step-heading");
        VBox box = new VBox(14, heading);
        for (CatalogService s : catalog.services()) {
            CheckBox cb = new CheckBox(s.title() + " (" + s.id() + ")");
            cb.setId("service-" + s.id());
            cb.selectedProperty().bindBidirectional(vm.selected(s.id()));
            String where = s.databaseDefaults().map(d -> "Database " + d.name() + " in container " + d.container()
                    + ", port " + d.port() + ", volume " + d.volume())
                    .orElseGet(() -> "Files on volume " + s.storageDefaults().orElseThrow().volume() + " (no database container)");
            Label desc = new Label(s.description() + "\n" + where);
            desc.setWrapText(true);
            desc.getStyleClass().add("service-description");
            box.getChildren().add(new VBox(4, cb, desc));
        }
        return box;
    }
}
