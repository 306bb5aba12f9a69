package org.kaspa.aio.provision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.MonitoringProfile;

/**
 * Grafana's file provisioning (its documented format): the Prometheus data source, a dashboard provider
 * reading a folder, and a dashboard per database generated from {@link DashboardPanels}.
 */
public final class GrafanaProvisioning {
    public static final String DATASOURCE_UID = "kaspa-aio-prometheus";
    public static final String DASHBOARDS_DIR = "/etc/grafana/dashboards";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GrafanaProvisioning() {
    }

    /** provisioning/datasources/kaspa-aio.yml */
    public static String datasource() {
        return "# Written by kaspa-aio; replaced on every apply.\napiVersion: 1\ndatasources:\n"
                + "  - name: Prometheus\n    type: prometheus\n    uid: " + DATASOURCE_UID + "\n    access: proxy\n"
                + "    url: http://" + MonitoringProfile.PROMETHEUS_CONTAINER + ":" + MonitoringProfile.PROMETHEUS_CONTAINER_PORT + "\n"
                + "    isDefault: true\n    editable: false\n";
    }

    /** provisioning/dashboards/kaspa-aio.yml */
    public static String dashboardProvider() {
        return "# Written by kaspa-aio; replaced on every apply.\napiVersion: 1\nproviders:\n"
                + "  - name: kaspa-aio\n    type: file\n    disableDeletion: true\n    allowUiUpdates: false\n"
                + "    options:\n      path: " + DASHBOARDS_DIR + "\n";
    }

    /** The dashboard of one database: a time-series panel per {@link DashboardPanels.Panel}, two per row. */
    public static String dashboard(String serviceId, DatabaseProfile db) {
        ObjectNode d = JSON.createObjectNode();
        d.put("uid", "kaspa-aio-" + db.container());
        d.put("title", db.container() + " (" + serviceId + ")");
        d.putArray("tags").add("kaspa-aio");
        d.put("schemaVersion", 39);
        d.put("version", 1);
        d.put("editable", false);
        d.put("refresh", "10s");
        d.putObject("time").put("from", "now-1h").put("to", "now");
        ArrayNode panels = d.putArray("panels");
        int i = 0;
        for (DashboardPanels.Panel p : DashboardPanels.of(db)) {
            ObjectNode panel = panels.addObject();
            panel.put("id", i + 1);
            panel.put("type", "timeseries");
            panel.put("title", p.title());
            panel.putObject("datasource").put("type", "prometheus").put("uid", DATASOURCE_UID);
            panel.putObject("gridPos").put("x", (i % 2) * 12).put("y", (i / 2) * 8).put("w", 12).put("h", 8);
            panel.putObject("fieldConfig").putObject("defaults").put("unit", p.unit());
            ArrayNode targets = panel.putArray("targets");
            char ref = 'A';
            for (DashboardPanels.Query q : p.queries()) {
                targets.addObject().put("refId", String.valueOf(ref++)).put("expr", q.forDatabase(db.container(), db.name()))
                        .put("legendFormat", q.legend()).putObject("datasource").put("type", "prometheus").put("uid", DATASOURCE_UID);
            }
            i++;
        }
        try {
            return JSON.writeValueAsString(d) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
