package org.kaspa.aio.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.kaspa.aio.app.EngineReport;
import org.kaspa.aio.app.EngineSummary;
import org.kaspa.aio.health.HostPortCheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Step 1: is the engine there, how much disk is free, which default ports are free (and who holds the others). */
public final class SystemCheckViewModel {
    public record PortCheck(String service, int port, boolean free, String heldBy) {
        public String describe() {
            return port + " (" + service + "): " + (free ? "free" : "taken by " + heldBy);
        }
    }

    static final String GUIDANCE = guidanceFor(System.getProperty("os.name", ""));

    /** What to install or start where no engine answers, for this OS (the words and links are EngineInstall's, as the CLI's). */
    static String guidanceFor(String osName) {
        return "No Docker engine answers. " + org.kaspa.aio.app.EngineInstall.guidance(osName) + ", then press Retry. If it runs elsewhere, "
                + "set DOCKER_HOST or a docker context (for a remote engine, one with TLS) before starting the installer.";
    }

    private final WizardContext ctx;
    private final BooleanProperty checking = new SimpleBooleanProperty(false);
    private final BooleanProperty engineOk = new SimpleBooleanProperty(false);
    private final StringProperty engineSummary = new SimpleStringProperty("Checking the Docker engine…");
    private final StringProperty guidance = new SimpleStringProperty("");
    private final StringProperty diskSummary = new SimpleStringProperty("");
    private final ObservableList<PortCheck> ports = FXCollections.observableArrayList();
    private final javafx.collections.ObservableSet<Integer> portsHeldByUs = FXCollections.observableSet();
    private final javafx.beans.property.BooleanProperty portsOnThisMachine = new javafx.beans.property.SimpleBooleanProperty(true);
    /** The engines that answered; a choice is offered when there is more than one. */
    private final ObservableList<EngineReport> answering = FXCollections.observableArrayList();
    private final StringProperty engineHost = new SimpleStringProperty("");
    /** The engine to use is a plaintext tcp:// one the person has not accepted (yet). */
    private final BooleanProperty plaintextEngine = new SimpleBooleanProperty(false);
    private boolean plaintextAccepted;

    /** Installing the distribution's engine: offered where none answers on Debian and Ubuntu; its output as it runs. */
    private final BooleanProperty installOffered = new SimpleBooleanProperty(false);
    private final BooleanProperty installing = new SimpleBooleanProperty(false);
    private final StringProperty installLog = new SimpleStringProperty("");
    private volatile org.kaspa.aio.app.EngineInstall.Offer offer;

    public SystemCheckViewModel(WizardContext ctx) {
        this.ctx = ctx;
    }

    private record Result(EngineSummary info, String error, Map<Integer, String> held, long freeBytes, List<EngineReport> answering,
                          boolean plaintextSelected, String selectedHost, org.kaspa.aio.app.Sizing sizing) {
    }

    private final javafx.beans.property.ObjectProperty<org.kaspa.aio.app.Sizing> sizing = new javafx.beans.property.SimpleObjectProperty<>();

    /** The engine's machine, once an engine answered: what the Databases step suggests limits from. */
    public javafx.beans.property.ReadOnlyObjectProperty<org.kaspa.aio.app.Sizing> sizingProperty() {
        return sizing;
    }

    /** Runs the checks in the background; {@code defaultPorts} maps service title to port. */
    public void check(Map<String, Integer> defaultPorts, String bindAddress, java.util.Set<String> ourContainers) {
        checking.set(true);
        engineSummary.set("Checking the Docker engine…");
        ctx.executor().run(() -> {
            if (offer == null) {
                offer = ctx.installation().engineInstallOffer();
            }
            long free = freeSpace(ctx.home().dir());
            List<EngineReport> reports = ctx.installation().engines();
            List<EngineReport> up = reports.stream().filter(EngineReport::answered).toList();
            // the engine that would be used was merely found first and does not answer, another one does: take that one
            boolean selectedWasChosen = reports.stream().anyMatch(r -> r.selected() && r.chosen());
            if (!selectedWasChosen && reports.stream().noneMatch(r -> r.selected() && r.answered()) && !up.isEmpty()) {
                ctx.installation().useEngine(up.get(0).host());
            }
            boolean plaintext = reports.stream().anyMatch(r -> r.selected() && r.plaintext());
            String selected = reports.stream().filter(EngineReport::selected).map(EngineReport::host).findFirst().orElse("");
            try {
                EngineSummary info = ctx.installation().checkEngine();
                org.kaspa.aio.app.Sizing machine;
                try {
                    machine = ctx.installation().suggestedSizing(List.of());
                } catch (RuntimeException unknown) {
                    machine = null; // then apply sizes from the engine itself
                }
                return new Result(info, null, info.publishedPorts(), free, up, plaintext, selected, machine);
            } catch (RuntimeException e) {
                return new Result(null, e.getMessage(), Map.of(), free, up, plaintext, selected, null);
            }
        }, r -> {
            checking.set(false);
            answering.setAll(r.answering());
            plaintextEngine.set(r.plaintextSelected() && !plaintextAccepted);
            if (r.info() != null) {
                engineHost.set(r.info().host());
                engineSummary.set(r.info().describe());
                guidance.set("");
            } else if (r.plaintextSelected() && !plaintextAccepted) {
                // it answered, but is refused until accepted: the warning below says why, no "install an engine"
                engineHost.set(r.selectedHost());
                engineSummary.set("The Docker engine at " + r.selectedHost() + " answers without TLS.");
                guidance.set("");
            } else {
                engineSummary.set(r.error());
                guidance.set(GUIDANCE);
            }
            diskSummary.set(r.freeBytes() < 0 ? "Free disk space: unknown"
                    : String.format("Free disk space for %s: %.1f GB%s", ctx.home().dir(), r.freeBytes() / 1e9,
                    r.freeBytes() < 10e9 ? " (indexers need tens of GB; consider freeing space)" : ""));
            portsOnThisMachine.set(r.info() == null || r.info().portsOnThisMachine());
            portsHeldByUs.clear();
            r.held().forEach((port, holder) -> {
                if (ourContainers.contains(holder)) {
                    portsHeldByUs.add(port);
                }
            });
            List<PortCheck> checks = new ArrayList<>();
            defaultPorts.forEach((service, port) -> {
                String holder = r.held().get(port);
                boolean free = ourContainers.contains(holder) || (holder == null && (r.info() != null && !r.info().portsOnThisMachine()
                        || HostPortCheck.isFree(bindAddress, port)));
                checks.add(new PortCheck(service, port, free, holder != null ? "container " + holder : "another program"));
            });
            ports.setAll(checks);
            // last: whoever waits for the verdict sees the rest already in place
            if (r.sizing() != null) {
                sizing.set(r.sizing());
            }
            engineOk.set(r.info() != null);
            installOffered.set(r.info() == null && !r.plaintextSelected() && offer != null && offer.offered());
        }, e -> {
            checking.set(false);
            engineOk.set(false);
            engineSummary.set(String.valueOf(e.getMessage()));
            guidance.set(GUIDANCE);
        });
    }

    private static long freeSpace(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        try {
            // statvfs on the path itself: the JDK's file store lookup fails inside a chroot ("Mount point not found")
            return p == null ? -1 : p.toFile().getUsableSpace();
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * The person read the warning and accepts a plaintext engine: password files will cross the network
     * unencrypted. Checks again; Install remembers the consent in the profile.
     */
    public void acceptPlaintext(Map<String, Integer> defaultPorts, String bindAddress, java.util.Set<String> ourContainers) {
        plaintextAccepted = true;
        ctx.installation().acceptInsecureEngine();
        check(defaultPorts, bindAddress, ourContainers);
    }

    public boolean plaintextAccepted() {
        return plaintextAccepted;
    }

    /** Whether the Welcome step offers to install the engine (none answers, and this is Debian or Ubuntu). */
    public BooleanProperty installOfferedProperty() {
        return installOffered;
    }

    public BooleanProperty installingProperty() {
        return installing;
    }

    /** The installation's output so far, a line each. */
    public StringProperty installLogProperty() {
        return installLog;
    }

    /** What the consent dialog says: the system, and the commands that will run as root. */
    public String installQuestion() {
        var o = offer;
        if (o == null || !o.offered()) {
            return "";
        }
        boolean root = privilege() == org.kaspa.aio.app.EngineInstall.Privilege.ROOT;
        return "Install and start the Docker engine of " + o.system() + "? " + (root ? "It runs as root:" : "Your system asks for your password "
                + "(pkexec), then runs as root:") + "\n\n" + String.join("\n", o.commands().stream().map(c -> "  " + c).toList())
                + "\n\nIts output shows here as it runs; afterwards the check runs again and the wizard goes on.";
    }

    /** Installs the engine the person agreed to, in the background, its output on {@link #installLogProperty()}; then {@code recheck}. */
    public void installEngine(Runnable recheck) {
        var o = offer;
        if (installing.get() || o == null || !o.offered()) {
            return;
        }
        installing.set(true);
        installLog.set("");
        ctx.executor().run(() -> ctx.installation().installEngine(privilege(), line -> ctx.executor().onUiThread(() -> appendInstallLog(line))), code -> {
            installing.set(false);
            if (code == 0) {
                recheck.run();
            } else if (code == 126 || code == 127) {
                appendInstallLog("The password prompt was dismissed or refused: nothing was installed.");
            } else {
                appendInstallLog("Installing the Docker engine failed (exit " + code + "); its output is above.");
            }
        }, e -> {
            installing.set(false);
            appendInstallLog("The installation could not start (" + e.getMessage() + "). In a terminal: sudo kaspa-aio engines --install-docker");
        });
    }

    /** The GUI's way to root: the system's graphical password prompt, unless the wizard already runs as root. */
    private static org.kaspa.aio.app.EngineInstall.Privilege privilege() {
        return org.kaspa.aio.app.EngineInstall.Privilege.forThisProcess(org.kaspa.aio.app.EngineInstall.Privilege.PKEXEC);
    }

    /** Keeps the last 400 lines: apt is talkative. */
    private void appendInstallLog(String line) {
        String now = installLog.get().isEmpty() ? line : installLog.get() + "\n" + line;
        String[] lines = now.split("\n", -1);
        installLog.set(lines.length <= 400 ? now : String.join("\n", java.util.Arrays.copyOfRange(lines, lines.length - 400, lines.length)));
    }

    public BooleanProperty plaintextEngineProperty() {
        return plaintextEngine;
    }

    /** Switches to another engine that answered and checks again (remembered in the profile at Install). */
    public void choose(String host, Map<String, Integer> defaultPorts, String bindAddress, java.util.Set<String> ourContainers) {
        if (!host.equals(engineHost.get())) {
            ctx.installation().useEngine(host);
            check(defaultPorts, bindAddress, ourContainers);
        }
    }

    public ObservableList<EngineReport> answeringEngines() {
        return answering;
    }

    /** The engine in use, as its address ({@code unix:///…}); empty until one answered. */
    public StringProperty engineHostProperty() {
        return engineHost;
    }

    public BooleanProperty checkingProperty() {
        return checking;
    }

    public BooleanProperty engineOkProperty() {
        return engineOk;
    }

    public StringProperty engineSummaryProperty() {
        return engineSummary;
    }

    public StringProperty guidanceProperty() {
        return guidance;
    }

    public StringProperty diskSummaryProperty() {
        return diskSummary;
    }

    /** Ports our own containers publish now: free for us in a reconfigure. */
    /** False when the engine is on another host: its ports cannot be tried from here, the engine judges them. */
    public javafx.beans.property.ReadOnlyBooleanProperty portsOnThisMachineProperty() {
        return portsOnThisMachine;
    }

    public javafx.collections.ObservableSet<Integer> portsHeldByUs() {
        return portsHeldByUs;
    }

    public ObservableList<PortCheck> ports() {
        return ports;
    }
}
