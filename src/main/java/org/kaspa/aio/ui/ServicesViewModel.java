package org.kaspa.aio.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.kaspa.aio.catalog.CatalogService;
import org.kaspa.aio.profile.Profile;

import java.util.LinkedHashMap;
import java.util.Map;

/** Step 2: which services to run. At least one must be chosen. */
public final class ServicesViewModel {
    private final Map<String, BooleanProperty> selected = new LinkedHashMap<>();
    private final BooleanBinding valid;

    public ServicesViewModel(Iterable<CatalogService> services, Profile initial) {
        for (CatalogService s : services) {
            boolean on = initial.services().containsKey(s.id()) && initial.service(s.id()).enabled();
            selected.put(s.id(), new SimpleBooleanProperty(on));
        }
        valid = Bindings.createBooleanBinding(() -> selected.values().stream().anyMatch(BooleanProperty::get),
                selected.values().toArray(BooleanProperty[]::new));
    }

    public BooleanProperty selected(String serviceId) {
        return selected.get(serviceId);
    }

    public boolean isSelected(String serviceId) {
        return selected.get(serviceId).get();
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public String problem() {
        return valid.get() ? "" : "Choose at least one service.";
    }
}
