package org.kaspa.aio.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.kaspa.aio.profile.MonitoringProfile;

/** The monitoring stack's fields on the Databases step, with an error text per field ("" when fine). */
public final class MonitoringForm {
    final BooleanProperty enabled = new SimpleBooleanProperty(false);
    final StringProperty exporterImage = new SimpleStringProperty("");
    final StringProperty poolerExporterImage = new SimpleStringProperty("");
    final StringProperty volumeExporterImage = new SimpleStringProperty("");
    final StringProperty poolerExporterImageError = new SimpleStringProperty("");
    final StringProperty volumeExporterImageError = new SimpleStringProperty("");
    final StringProperty prometheusImage = new SimpleStringProperty("");
    final StringProperty prometheusPort = new SimpleStringProperty("");
    final StringProperty exporterImageError = new SimpleStringProperty("");
    final StringProperty prometheusImageError = new SimpleStringProperty("");
    final StringProperty prometheusPortError = new SimpleStringProperty("");
    final BooleanProperty grafanaEnabled = new SimpleBooleanProperty(false);
    final StringProperty grafanaImage = new SimpleStringProperty("");
    final StringProperty grafanaPort = new SimpleStringProperty("");
    final StringProperty grafanaImageError = new SimpleStringProperty("");
    final StringProperty grafanaPortError = new SimpleStringProperty("");
    /** The profile's monitoring section; what the form does not show (retention, Grafana) is kept from it. */
    private final MonitoringProfile base;

    MonitoringForm(MonitoringProfile profile) {
        this.base = profile;
        if (profile != null) {
            enabled.set(profile.enabled());
            exporterImage.set(profile.exporterImage());
            poolerExporterImage.set(profile.poolerExporterImage());
            volumeExporterImage.set(profile.volumeExporterImage());
            prometheusImage.set(profile.prometheus().image());
            prometheusPort.set(String.valueOf(profile.prometheus().port()));
            grafanaEnabled.set(profile.grafana().enabled());
            grafanaImage.set(profile.grafana().image());
            grafanaPort.set(String.valueOf(profile.grafana().port()));
        }
    }

    /** Whether the profile has a monitoring section at all (one from before schema version 5 has none). */
    public boolean present() {
        return base != null;
    }

    /** The section these fields describe; call only when the form is valid. */
    MonitoringProfile toProfile() {
        if (base == null) {
            return null;
        }
        return new MonitoringProfile(enabled.get(), exporterImage.get().strip(), poolerExporterImage.get().strip(),
                volumeExporterImage.get().strip(), new MonitoringProfile.Prometheus(prometheusImage.get().strip(),
                Integer.parseInt(prometheusPort.get().strip()), base.prometheus().retentionDays()),
                new MonitoringProfile.Grafana(grafanaEnabled.get(), grafanaImage.get().strip(), Integer.parseInt(grafanaPort.get().strip())));
    }

    public BooleanProperty enabledProperty() { return enabled; }
    public StringProperty exporterImageProperty() { return exporterImage; }
    public StringProperty poolerExporterImageProperty() { return poolerExporterImage; }
    public StringProperty volumeExporterImageProperty() { return volumeExporterImage; }
    public StringProperty poolerExporterImageErrorProperty() { return poolerExporterImageError; }
    public StringProperty volumeExporterImageErrorProperty() { return volumeExporterImageError; }
    public StringProperty prometheusImageProperty() { return prometheusImage; }
    public StringProperty prometheusPortProperty() { return prometheusPort; }
    public StringProperty exporterImageErrorProperty() { return exporterImageError; }
    public StringProperty prometheusImageErrorProperty() { return prometheusImageError; }
    public StringProperty prometheusPortErrorProperty() { return prometheusPortError; }
    public BooleanProperty grafanaEnabledProperty() { return grafanaEnabled; }
    public StringProperty grafanaImageProperty() { return grafanaImage; }
    public StringProperty grafanaPortProperty() { return grafanaPort; }
    public StringProperty grafanaImageErrorProperty() { return grafanaImageError; }
    public StringProperty grafanaPortErrorProperty() { return grafanaPortError; }
}
