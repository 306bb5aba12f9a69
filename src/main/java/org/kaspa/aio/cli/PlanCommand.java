package org.kaspa.aio.cli;

import org.kaspa.aio.provision.PlanAction;
import org.kaspa.aio.provision.ProvisionPlan;
import org.kaspa.aio.provision.Provisioner;

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
        ProfileFiles.Loaded loaded = ProfileFiles.load(ctx);
        ProvisionPlan plan = new Provisioner(ctx.engine().get(), ctx.catalog()).plan(loaded.profile(), loaded.secrets());
        for (PlanAction a : plan.actions()) {
            ctx.out().println((a.isChange() ? "+ " : "= ") + a.describe());
        }
        ctx.out().println(plan.hasChanges() ? plan.changes().size() + " change(s)" : "no changes");
        return 0;
    }
}
