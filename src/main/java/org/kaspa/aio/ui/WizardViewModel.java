package org.kaspa.aio.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.kaspa.aio.app.Installation;
import org.kaspa.aio.app.Settings;
import org.kaspa.aio.catalog.CatalogService;
import org.kaspa.aio.health.HealthMonitor;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The wizard as a whole: which step is showing, whether Next may be pressed (and why not), and what
 * moving between steps does. Fresh install when no profile exists; otherwise reconfigure mode, pre-filled
 * from profile.json and secrets.json, with Review listing only the differences.
 */
public final class WizardViewModel implements AutoCloseable {
    public enum Step {
        WELCOME("Welcome"), SERVICES("Services"), DATABASES("Databases"), REVIEW("Review"), INSTALL("Install"), STATUS("Status");

        private final String title;

        Step(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final WizardContext ctx;
    private final boolean reconfigure;
    private final Profile stored;
    private final Secrets storedSecrets;
    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(Step.WELCOME);
    private final SystemCheckViewModel system;
    private final ServicesViewModel services;
    private final DatabasesViewModel databases;
    private final ReviewViewModel review;
    private final InstallViewModel install;
    private final ObjectProperty<StatusViewModel> status = new SimpleObjectProperty<>();
    private final BooleanBinding canNext;
    private final StringBinding nextProblem;

    public WizardViewModel(WizardContext ctx) {
        this.ctx = ctx;
        this.reconfigure = ctx.installation().exists();
        Settings settings;
        try {
            settings = ctx.installation().loadOrDefaults();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.stored = settings.profile();
        this.storedSecrets = settings.secrets();
        system = new SystemCheckViewModel(ctx);
        services = new ServicesViewModel(ctx.catalog().services(), stored);
        databases = new DatabasesViewModel(ctx.catalog(), stored, storedSecrets, this::enabledServices,
                DatabasesViewModel.PortAvailability.hostExcept(system.portsHeldByUs(), system.portsOnThisMachineProperty()::get));
        services.validProperty().addListener((o, a, b) -> databases.validate());
        system.sizingProperty().addListener((o, a, b) -> resplit());
        step.addListener((o, a, b) -> {
            if (b == Step.DATABASES) {
                resplit(); // the Services step may have turned one on or off
            }
        });
        system.portsHeldByUs().addListener((javafx.collections.SetChangeListener<Integer>) c -> databases.validate());
        system.portsOnThisMachineProperty().addListener((o, was, now) -> databases.validate());
        review = new ReviewViewModel(ctx.installation(), ctx.executor(), (p, s) -> {
            try {
                return ctx.installation().planForInstall(p, s);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, reconfigure);
        install = new InstallViewModel(ctx.executor());
        canNext = Bindings.createBooleanBinding(() -> switch (step.get()) {
            case WELCOME -> system.engineOkProperty().get();
            case SERVICES -> services.validProperty().get();
            case DATABASES -> databases.validProperty().get();
            case REVIEW -> review.readyProperty().get();
            case INSTALL -> install.stateProperty().get() == InstallViewModel.State.DONE;
            case STATUS -> false;
        }, step, system.engineOkProperty(), services.validProperty(), databases.validProperty(), review.readyProperty(),
                install.stateProperty());
        nextProblem = Bindings.createStringBinding(() -> switch (step.get()) {
            case WELCOME -> system.engineOkProperty().get() ? ""
                    : system.plaintextEngineProperty().get() ? "Accept the plaintext engine above, or give it TLS, to go on."
                    : "Next is available once a Docker engine answers.";
            case SERVICES -> services.problem();
            case DATABASES -> databases.problemProperty().get();
            case REVIEW -> review.readyProperty().get() ? "" : review.errorProperty().get();
            default -> "";
        }, step, system.engineOkProperty(), system.plaintextEngineProperty(), services.validProperty(), databases.problemProperty(),
                review.readyProperty(), review.errorProperty());
    }

    public void checkSystem() {
        system.check(defaultPorts(), stored.bindAddress(), ourContainers());
    }

    /** The person accepted the plaintext engine the warning is about. */
    public void acceptPlaintextEngine() {
        system.acceptPlaintext(defaultPorts(), stored.bindAddress(), ourContainers());
    }

    /** The person picked another of the engines that answered. */
    public void chooseEngine(String host) {
        system.choose(host, defaultPorts(), stored.bindAddress(), ourContainers());
    }

    /** Every container the stored profile may have made (databases, poolers, replicas): ports they hold are ours. */
    private Set<String> ourContainers() {
        return new java.util.HashSet<>(ctx.installation().containerNames(stored)); // asked with null too (a port nobody holds)
    }

    private Map<String, Integer> defaultPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (CatalogService s : ctx.catalog().services()) {
            var form = databases.form(s.id());
            if (form != null) {
                try {
                    ports.put(s.title(), Integer.parseInt(form.portProperty().get()));
                } catch (NumberFormatException ignored) {
                    // shown as a field error on the Databases step
                }
            }
        }
        return ports;
    }

    /** The engine's machine split between the databases the Services step has on now. */
    private void resplit() {
        org.kaspa.aio.app.Sizing machine = system.sizingProperty().get();
        if (machine == null) {
            return;
        }
        List<String> on = databases.visibleForms().stream().map(DatabaseForm::serviceId).toList();
        databases.applySizing(machine.engineMemoryMb(), machine.engineCpus(), on.isEmpty() ? Map.of() : ctx.installation().split(machine, on));
    }

    public Set<String> enabledServices() {
        Set<String> out = new LinkedHashSet<>();
        for (CatalogService s : ctx.catalog().services()) {
            if (services.isSelected(s.id())) {
                out.add(s.id());
            }
        }
        return out;
    }

    /** The profile the current fields describe. */
    public Profile profile() {
        Profile base = stored;
        for (CatalogService s : ctx.catalog().services()) {
            if (!base.services().containsKey(s.id())) {
                base = base.withService(s.id(), Profile.defaults(ctx.catalog()).service(s.id()));
            }
        }
        Profile p = databases.applyTo(base, enabledServices());
        // Several engines answered and one is in use: remember it, so the next start talks to the same one.
        // A plaintext engine accepted here is remembered with that consent, or the next start would refuse it.
        if ((system.answeringEngines().size() > 1 || system.plaintextAccepted()) && !system.engineHostProperty().get().isEmpty()) {
            p = p.withEngine(new org.kaspa.aio.profile.EngineChoice(system.engineHostProperty().get(), system.plaintextAccepted()));
        }
        return p;
    }

    public Secrets secrets() {
        return databases.applyTo(storedSecrets);
    }

    /** Databases whose password the user changed while reconfiguring an existing install. */
    public List<String> changedPasswords() {
        return reconfigure ? Installation.changedPasswords(profile(), storedSecrets, secrets()) : List.of();
    }

    public void next() {
        if (!canNext.get()) {
            return;
        }
        switch (step.get()) {
            case WELCOME -> step.set(Step.SERVICES);
            case SERVICES -> {
                databases.validate();
                step.set(Step.DATABASES);
            }
            case DATABASES -> {
                step.set(Step.REVIEW);
                Profile p = profile();
                review.refresh(p, secrets(), changedPasswords().stream().map(id -> "Change the password of "
                        + p.service(id).database().user() + " in " + p.service(id).database().container()).toList());
            }
            case REVIEW -> {
                step.set(Step.INSTALL);
                startInstall();
            }
            case INSTALL -> {
                step.set(Step.STATUS);
                openStatus();
            }
            default -> {
            }
        }
    }

    /** Reconfigure mode: straight to the live status (backups, restore, export, logs) without re-running the steps. */
    public void openStatusNow() {
        if (reconfigure && system.engineOkProperty().get()) {
            step.set(Step.STATUS);
            openStatus();
        }
    }

    public void back() {
        switch (step.get()) {
            case SERVICES -> step.set(Step.WELCOME);
            case DATABASES -> step.set(Step.SERVICES);
            case REVIEW -> step.set(Step.DATABASES);
            case INSTALL -> {
                if (install.stateProperty().get() != InstallViewModel.State.RUNNING
                        && install.stateProperty().get() != InstallViewModel.State.CANCELLING) {
                    step.set(Step.REVIEW);
                }
            }
            default -> {
            }
        }
    }

    /**
     * The application layer's install: stores the profile, applies it with the passwords the databases
     * have now, then changes each password the user edited inside its running database.
     */
    public void startInstall() {
        Profile profile = profile();
        Secrets wanted = secrets();
        install.start(listener -> ctx.installation().install(profile, wanted, listener));
    }

    private void openStatus() {
        if (status.get() != null) {
            status.get().close();
        }
        StatusViewModel vm = new StatusViewModel(ctx.executor(), ctx.installation(), profile(), secrets(), HealthMonitor.DEFAULT_STEADY);
        status.set(vm.start());
    }

    public boolean isReconfigure() { return reconfigure; }
    public ObjectProperty<Step> stepProperty() { return step; }
    public SystemCheckViewModel system() { return system; }
    public ServicesViewModel services() { return services; }
    public DatabasesViewModel databases() { return databases; }
    public ReviewViewModel review() { return review; }
    public InstallViewModel install() { return install; }
    public ObjectProperty<StatusViewModel> statusProperty() { return status; }
    public BooleanBinding canNextProperty() { return canNext; }
    public StringBinding nextProblemProperty() { return nextProblem; }
    public WizardContext context() { return ctx; }

    @Override
    public void close() {
        if (status.get() != null) {
            status.get().close();
        }
        ctx.installation().close();
    }
}
