package org.kaspa.aio.plan;

import java.util.List;

/** The ordered actions that converge the engine to the profile; KEEP entries say what stays as it is. */
public record ProvisionPlan(List<PlanAction> actions) {
    public ProvisionPlan {
        actions = List.copyOf(actions);
    }

    public List<PlanAction> changes() {
        return actions.stream().filter(PlanAction::isChange).toList();
    }

    public boolean hasChanges() {
        return actions.stream().anyMatch(PlanAction::isChange);
    }

    public List<PlanAction> forService(String serviceId) {
        return actions.stream().filter(a -> serviceId.equals(a.serviceId())).toList();
    }
}
