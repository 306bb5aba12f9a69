package org.kaspa.aio.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.kaspa.aio.app.ConnectionStrings;
import org.kaspa.aio.app.Installation;
import org.kaspa.aio.ops.ConnectionString;
import org.kaspa.aio.plan.PlanAction;
import org.kaspa.aio.plan.ProvisionPlan;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Step 4: the plan the core would apply, in words, the connection strings to be created (passwords
 * masked) and the equivalent compose file. In reconfigure mode only the differences are listed.
 */
public final class ReviewViewModel {
    public static final String MASK = ConnectionString.MASK;

    private final Installation installation;
    private final BackgroundExecutor executor;
    private final BiFunction<Profile, Secrets, ProvisionPlan> planner;
    private final boolean reconfigure;
    private final ObservableList<String> planLines = FXCollections.observableArrayList();
    private final ObservableList<String> connections = FXCollections.observableArrayList();
    private final StringProperty compose = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty ready = new SimpleBooleanProperty(false);

    public ReviewViewModel(Installation installation, BackgroundExecutor executor,
                           BiFunction<Profile, Secrets, ProvisionPlan> planner, boolean reconfigure) {
        this.installation = installation;
        this.executor = executor;
        this.planner = planner;
        this.reconfigure = reconfigure;
    }

    public void refresh(Profile profile, Secrets secrets) {
        refresh(profile, secrets, List.of());
    }

    /** @param passwordChanges lines for changes the plan cannot see (passwords are changed inside the database) */
    public void refresh(Profile profile, Secrets secrets, List<String> passwordChanges) {
        ready.set(false);
        error.set("");
        planLines.setAll("Computing the plan…");
        connections.setAll(connectionLines(installation.maskedConnectionStrings(profile)));
        compose.set(installation.composePreview(profile, secrets));
        executor.run(() -> planner.apply(profile, secrets), plan -> {
            List<String> lines = new ArrayList<>(passwordChanges);
            if (!passwordChanges.isEmpty() && !plan.hasChanges() && reconfigure) {
                planLines.setAll(lines);
            } else {
                lines.addAll(describe(plan, reconfigure));
                planLines.setAll(lines);
            }
            ready.set(true);
        }, e -> {
            planLines.clear();
            error.set(String.valueOf(e.getMessage()));
        });
    }

    /** The plan in words: "Create container k-social-db (…)"; only the changes when reconfiguring. */
    public static List<String> describe(ProvisionPlan plan, boolean onlyChanges) {
        List<String> out = new ArrayList<>();
        for (PlanAction a : plan.actions()) {
            if (onlyChanges && !a.isChange()) {
                continue;
            }
            String d = a.describe();
            out.add(Character.toUpperCase(d.charAt(0)) + d.substring(1));
        }
        if (out.isEmpty()) {
            out.add("No changes: the engine already matches these settings.");
        }
        return out;
    }

    /** Connection strings for the indexers (on the shared network) and for the host, password masked. */
    public static List<String> connectionLines(List<ConnectionStrings> strings) {
        List<String> out = new ArrayList<>();
        for (ConnectionStrings c : strings) {
            out.add(c.serviceId() + " (from containers): " + c.fromContainers());
            out.add(c.serviceId() + " (from this machine): " + c.fromThisMachine());
        }
        return out;
    }

    public ObservableList<String> planLines() { return planLines; }
    public ObservableList<String> connections() { return connections; }
    public StringProperty composeProperty() { return compose; }
    public StringProperty errorProperty() { return error; }
    public BooleanProperty readyProperty() { return ready; }
    public boolean isReconfigure() { return reconfigure; }
}
