package org.kaspa.aio.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.profile.PasswordGenerator;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.ProfileValidator;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.health.HostPortCheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Step 3: per selected database, port, name, user, password and image, plus the shared bind address.
 * Every change re-validates every field with the core's rules (plus: the port must be free on the host,
 * unless one of our own containers holds it now); {@link #validProperty()} drives Next, and
 * {@link #problemProperty()} says why it is disabled.
 */
public final class DatabasesViewModel {

    /** Who holds a host port now, if anyone but us. */
    @FunctionalInterface
    public interface PortAvailability {
        Optional<String> takenBy(String bindAddress, int port);

        /** Ours, or free when tried here; a port on another host (a remote engine's) is left to the engine. */
        static PortAvailability hostExcept(Set<Integer> ours, java.util.function.BooleanSupplier portsOnThisMachine) {
            return (bind, port) -> ours.contains(port) || !portsOnThisMachine.getAsBoolean() || HostPortCheck.isFree(bind, port)
                    ? Optional.empty() : Optional.of("another program");
        }
    }

    public static final String LOOPBACK = Profile.LOOPBACK;
    public static final String ALL_INTERFACES = "0.0.0.0";

    private final Map<String, DatabaseForm> forms = new LinkedHashMap<>();
    private final StringProperty bindAddress = new SimpleStringProperty();
    private final StringProperty bindWarning = new SimpleStringProperty("");
    private final BooleanProperty valid = new SimpleBooleanProperty(false);
    private final StringProperty problem = new SimpleStringProperty("");
    private final Supplier<Set<String>> enabled;
    private PortAvailability ports;

    public DatabasesViewModel(ServiceCatalog catalog, Profile initial, Secrets secrets, Supplier<Set<String>> enabled,
                              PortAvailability ports) {
        this.enabled = enabled;
        this.ports = ports;
        PasswordGenerator generator = new PasswordGenerator();
        Profile defaults = Profile.defaults(catalog);
        catalog.services().forEach(s -> s.databaseDefaults().ifPresent(d -> {
            var db = initial.services().containsKey(s.id()) && initial.service(s.id()).database() != null
                    ? initial.service(s.id()).database() : defaults.service(s.id()).database();
            DatabaseForm form = new DatabaseForm(s.id(), s.title(), db, secrets.password(s.id()).orElseGet(generator::next), generator);
            forms.put(s.id(), form);
            for (StringProperty p : List.of(form.port, form.name, form.user, form.password, form.image, form.memoryMb, form.cpus)) {
                p.addListener((o, a, b) -> validate());
            }
            form.settings.addListener((javafx.collections.ListChangeListener<DatabaseForm.SettingRow>) c -> validate());
            for (StringProperty p : List.of(form.poolerPort, form.poolerImage, form.poolMode, form.replicaCount, form.replicaPorts)) {
                p.addListener((o, a, b) -> validate());
            }
            form.poolerEnabled.addListener((o, a, b) -> validate());
        }));
        bindAddress.set(initial.bindAddress());
        bindAddress.addListener((o, a, b) -> validate());
        monitoring = new MonitoringForm(initial.monitoring());
        for (StringProperty p : List.of(monitoring.exporterImage, monitoring.poolerExporterImage, monitoring.volumeExporterImage,
                monitoring.prometheusImage, monitoring.prometheusPort,
                monitoring.grafanaImage, monitoring.grafanaPort)) {
            p.addListener((o, a, b) -> validate());
        }
        monitoring.enabled.addListener((o, a, b) -> validate());
        monitoring.grafanaEnabled.addListener((o, a, b) -> validate());
        validate();
    }

    private MonitoringForm monitoring;

    public MonitoringForm monitoring() {
        return monitoring;
    }

    private final StringProperty machine = new SimpleStringProperty("");
    private int machineMemoryMb;
    private int machineCpus;

    /**
     * The engine's machine and each enabled database's suggested share: fields nobody typed in take it,
     * and the limits are checked against the machine.
     */
    public void applySizing(int memoryMb, int cpus, Map<String, org.kaspa.aio.profile.DatabaseResources> shares) {
        machineMemoryMb = memoryMb;
        machineCpus = cpus;
        machine.set("The engine's machine has " + memoryMb + " MB of memory and " + cpus + (cpus == 1 ? " CPU" : " CPUs")
                + ". Suggested: the databases together get half of the memory, the chain database twice the K social one.");
        shares.forEach((id, share) -> {
            DatabaseForm f = forms.get(id);
            if (f != null) {
                f.suggest(share);
            }
        });
        validate();
    }

    public StringProperty machineProperty() { return machine; }

    private String memoryError(DatabaseForm f) {
        if (f.memoryMb.get().isBlank() && f.cpus.get().isBlank()) {
            return "";
        }
        int mb;
        try {
            mb = Integer.parseInt(f.memoryMb.get().strip());
        } catch (NumberFormatException e) {
            return "must be a whole number of MB";
        }
        String p = ProfileValidator.memoryProblem(mb);
        if (p == null && machineMemoryMb > 0 && mb > machineMemoryMb) {
            p = "is more than the engine's machine has (" + machineMemoryMb + " MB)";
        }
        return orEmpty(p);
    }

    private String cpusError(DatabaseForm f) {
        if (f.memoryMb.get().isBlank() && f.cpus.get().isBlank()) {
            return "";
        }
        double n;
        try {
            n = Double.parseDouble(f.cpus.get().strip());
        } catch (NumberFormatException e) {
            return "must be a number such as 1.5";
        }
        String p = ProfileValidator.cpusProblem(n);
        if (p == null && machineCpus > 0 && n > machineCpus) {
            p = "is more than the engine's machine has (" + machineCpus + ")";
        }
        return orEmpty(p);
    }

    private static String settingsError(DatabaseForm f) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (DatabaseForm.SettingRow r : f.settings) {
            String name = r.name.get().strip();
            if (name.isEmpty()) {
                continue;
            }
            String p = ProfileValidator.settingProblem(name, r.value.get().strip());
            if (p != null) {
                return name + ": " + p;
            }
            if (!seen.add(name)) {
                return name + ": is set twice";
            }
        }
        return "";
    }

    public void setPortAvailability(PortAvailability ports) {
        this.ports = ports;
        validate();
    }

    /** The forms of the databases the Services step selected, in catalog order. */
    public List<DatabaseForm> visibleForms() {
        Set<String> on = enabled.get();
        return forms.values().stream().filter(f -> on.contains(f.serviceId())).toList();
    }

    public DatabaseForm form(String serviceId) {
        return forms.get(serviceId);
    }

    public void validate() {
        List<String> problems = new ArrayList<>();
        String bind = bindAddress.get() == null ? "" : bindAddress.get().strip();
        boolean bindOk = ProfileValidator.isIpLiteral(bind);
        if (!bindOk) {
            problems.add("Bind address: must be an IP address such as 127.0.0.1");
        }
        bindWarning.set(bindOk && !bind.startsWith("127.") && !bind.equals("::1")
                ? "Databases will be reachable from other machines on " + (bind.equals(ALL_INTERFACES) ? "every network this machine is on" : bind)
                + ". Anyone who can reach the port can try passwords; keep 127.0.0.1 unless the indexers run elsewhere."
                : "");
        Map<Integer, String> seenPorts = new HashMap<>();
        for (DatabaseForm f : forms.values()) {
            boolean visible = enabled.get().contains(f.serviceId());
            String portError = portError(f.port.get(), f.title(), bindOk ? bind : LOOPBACK, seenPorts, visible);
            f.portError.set(portError);
            f.nameError.set(orEmpty(ProfileValidator.databaseNameProblem(f.name.get().strip())));
            f.userError.set(orEmpty(ProfileValidator.userProblem(f.user.get().strip())));
            f.imageError.set(orEmpty(ProfileValidator.imageProblem(f.image.get().strip())));
            f.passwordError.set(orEmpty(ProfileValidator.passwordProblem(f.password.get())));
            f.memoryError.set(memoryError(f));
            f.cpusError.set(cpusError(f));
            f.settingsError.set(settingsError(f));
            boolean pooled = f.hasPooler() && f.poolerEnabled.get();
            f.poolerPortError.set(pooled ? portError(f.poolerPort.get(), f.title() + " pooler", bindOk ? bind : LOOPBACK, seenPorts, visible) : "");
            f.poolerImageError.set(pooled ? orEmpty(ProfileValidator.imageProblem(f.poolerImage.get().strip())) : "");
            f.replicasError.set(f.hasReplicas() ? replicasError(f, bindOk ? bind : LOOPBACK, seenPorts, visible) : "");
            double s = DatabaseForm.strengthOf(f.password.get());
            f.strength.set(s);
            f.strengthText.set(s >= 1.0 ? "strong" : s >= 0.6 ? "fair" : "weak");
            if (visible) {
                addProblem(problems, f, "port", f.portError.get());
                addProblem(problems, f, "database name", f.nameError.get());
                addProblem(problems, f, "user", f.userError.get());
                addProblem(problems, f, "password", f.passwordError.get());
                addProblem(problems, f, "image", f.imageError.get());
                addProblem(problems, f, "memory", f.memoryError.get());
                addProblem(problems, f, "CPUs", f.cpusError.get());
                addProblem(problems, f, "settings", f.settingsError.get());
                addProblem(problems, f, "pooler port", f.poolerPortError.get());
                addProblem(problems, f, "pooler image", f.poolerImageError.get());
                addProblem(problems, f, "read replicas", f.replicasError.get());
            }
        }
        if (monitoring != null) {
            boolean on = monitoring.present() && monitoring.enabled.get();
            monitoring.exporterImageError.set(on ? orEmpty(ProfileValidator.imageProblem(monitoring.exporterImage.get().strip())) : "");
            monitoring.poolerExporterImageError.set(on ? orEmpty(ProfileValidator.imageProblem(monitoring.poolerExporterImage.get().strip())) : "");
            monitoring.volumeExporterImageError.set(on ? orEmpty(ProfileValidator.imageProblem(monitoring.volumeExporterImage.get().strip())) : "");
            monitoring.prometheusImageError.set(on ? orEmpty(ProfileValidator.imageProblem(monitoring.prometheusImage.get().strip())) : "");
            monitoring.prometheusPortError.set(on ? portError(monitoring.prometheusPort.get(), "Prometheus", bindOk ? bind : LOOPBACK, seenPorts, true) : "");
            boolean grafana = on && monitoring.grafanaEnabled.get();
            monitoring.grafanaImageError.set(grafana ? orEmpty(ProfileValidator.imageProblem(monitoring.grafanaImage.get().strip())) : "");
            monitoring.grafanaPortError.set(grafana ? portError(monitoring.grafanaPort.get(), "Grafana", bindOk ? bind : LOOPBACK, seenPorts, true) : "");
            for (String[] e : new String[][]{{"exporter image", monitoring.exporterImageError.get()},
                    {"pooler exporter image", monitoring.poolerExporterImageError.get()},
                    {"volume exporter image", monitoring.volumeExporterImageError.get()},
                    {"Prometheus image", monitoring.prometheusImageError.get()}, {"Prometheus port", monitoring.prometheusPortError.get()},
                    {"Grafana image", monitoring.grafanaImageError.get()}, {"Grafana port", monitoring.grafanaPortError.get()}}) {
                if (!e[1].isEmpty()) {
                    problems.add("Monitoring " + e[0] + ": " + e[1]);
                }
            }
        }
        problem.set(problems.isEmpty() ? "" : problems.get(0));
        valid.set(problems.isEmpty());
    }

    /**
     * A host port typed for {@code owner} (a database, or its pooler): a number in range, unique among
     * what the step publishes, and free on this machine unless one of our containers holds it.
     */
    private String portError(String typed, String owner, String bind, Map<Integer, String> seen, boolean visible) {
        int port;
        try {
            port = Integer.parseInt(typed.strip());
        } catch (NumberFormatException e) {
            return "must be a whole number";
        }
        String range = ProfileValidator.portProblem(port);
        if (range != null) {
            return range;
        }
        if (!visible) {
            return "";
        }
        String other = seen.putIfAbsent(port, owner);
        if (other != null) {
            return "port " + port + " is already used by " + other;
        }
        return ports.takenBy(bind, port).map(by -> "port " + port + " is in use on this machine (" + by + "); choose a free port").orElse("");
    }

    /** A count from 0 to the maximum, and a usable host port for each replica (defaults fill a short list). */
    private String replicasError(DatabaseForm f, String bind, Map<Integer, String> seen, boolean visible) {
        int count;
        try {
            count = Integer.parseInt(f.replicaCount.get().strip());
        } catch (NumberFormatException e) {
            return "count must be a whole number";
        }
        if (count < 0 || count > org.kaspa.aio.profile.ReplicasProfile.MAX) {
            return "count must be between 0 and " + org.kaspa.aio.profile.ReplicasProfile.MAX;
        }
        List<Integer> typed;
        try {
            typed = f.replicaPortList();
        } catch (NumberFormatException e) {
            return "ports must be whole numbers separated by commas";
        }
        List<Integer> used = new org.kaspa.aio.profile.ReplicasProfile(0, typed).withCount(count).ports().subList(0, count);
        for (int n = 1; n <= used.size(); n++) {
            String error = portError(String.valueOf(used.get(n - 1)), f.title() + " replica " + n, bind, seen, visible);
            if (!error.isEmpty()) {
                return "replica " + n + ": " + error;
            }
        }
        return "";
    }

    private static void addProblem(List<String> problems, DatabaseForm f, String field, String error) {
        if (!error.isEmpty()) {
            problems.add(f.title() + " " + field + ": " + error);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The profile these fields describe (services the Services step turned off stay, disabled). */
    public Profile applyTo(Profile base, Set<String> enabledServices) {
        Profile p = base.withBindAddress(bindAddress.get().strip());
        if (monitoring.present()) {
            p = p.withMonitoring(monitoring.toProfile());
        }
        for (var e : base.services().entrySet()) {
            var s = e.getValue().withEnabled(enabledServices.contains(e.getKey()));
            DatabaseForm f = forms.get(e.getKey());
            if (f != null && enabledServices.contains(e.getKey())) {
                s = s.withDatabase(f.toProfile());
            }
            p = p.withService(e.getKey(), s);
        }
        return p;
    }

    public Secrets applyTo(Secrets base) {
        Secrets s = base;
        for (DatabaseForm f : forms.values()) {
            s = s.with(f.serviceId(), f.password.get());
        }
        return s;
    }

    public StringProperty bindAddressProperty() { return bindAddress; }
    public StringProperty bindWarningProperty() { return bindWarning; }
    public BooleanProperty validProperty() { return valid; }
    public StringProperty problemProperty() { return problem; }
}
