package org.kaspa.aio.cli;

import org.kaspa.aio.plan.PlanAction;
import org.kaspa.aio.plan.ProvisionPlan;

import java.util.List;
import java.util.Set;

/** {@code plan}: what apply would do, one action a line; nothing is changed. */
final class PlanCommand implements CliCommand {
    @Override
    public String name() {
        return "plan";
    }

    @Override
    public String usage() {
        return "plan                      show what apply would change";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        Arguments.parse(args, Set.of(), Set.of()).noPositional();
        ProvisionPlan plan = ctx.installation().plan();
        for (PlanAction a : plan.actions()) {
            ctx.out().println((a.isChange() ? "+ " : "= ") + a.describe());
        }
        ctx.out().println(plan.hasChanges() ? plan.changes().size() + " change(s)" : "no changes");
        return 0;
    }
}
