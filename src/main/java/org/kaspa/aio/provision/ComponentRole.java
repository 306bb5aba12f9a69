package org.kaspa.aio.provision;

/**
 * What a component is for; the value of its {@code kaspa-aio.role} label. The planner and provisioner
 * never branch on it: a new role is a new {@link ComponentSource}, nothing else.
 */
public final class ComponentRole {
    public static final String DATABASE = "database";
    public static final String POOLER = "pooler";
    public static final String REPLICA = "replica";
    public static final String BACKUP = "backup";
    public static final String EXPORTER = "exporter";
    public static final String POOLER_EXPORTER = "pooler-exporter";
    public static final String VOLUME_EXPORTER = "volume-exporter";
    public static final String PROMETHEUS = "prometheus";
    public static final String GRAFANA = "grafana";

    private ComponentRole() {
    }
}
