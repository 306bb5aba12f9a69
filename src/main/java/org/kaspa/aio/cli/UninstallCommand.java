package org.kaspa.aio.cli;

import org.kaspa.aio.ops.Uninstaller;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code uninstall [--delete-data [--yes]]}: removes our containers and network. Volumes are kept unless
 * --delete-data, which asks for the volume names to be typed back (or --yes in scripts).
 */
final class UninstallCommand implements CliCommand {
    @Override
    public String name() {
        return "uninstall";
    }

    @Override
    public String usage() {
        return "uninstall [--delete-data [--yes]]   remove containers and network; data only with --delete-data";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        Arguments a = Arguments.parse(args, Set.of("--delete-data", "--yes"), Set.of()).noPositional();
        boolean deleteData = a.has("--delete-data");
        boolean yes = a.has("--yes");
        if (yes && !deleteData) {
            throw new UsageException("--yes only confirms --delete-data");
        }
        List<String> volumes = deleteData ? ctx.installation().dataVolumes() : List.of();
        if (deleteData && !yes) {
            String expected = String.join(" ", volumes);
            ctx.out().println("This deletes the data on: " + expected);
            ctx.out().println("Type the volume names, separated by spaces, to confirm:");
            ctx.out().flush();
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || !String.join(" ", List.of(line.trim().split("\\s+"))).equals(expected)) {
                ctx.err().println("kaspa-aio: the names did not match; nothing was removed");
                return 1;
            }
        }
        Uninstaller.Result r = ctx.installation().uninstall(volumes, line -> ctx.out().println(line));
        ctx.out().println("removed " + r.removedContainers().size() + " container(s)" + (r.removedNetwork() ? " and the network" : ""));
        if (!r.keptVolumes().isEmpty()) {
            ctx.out().println("kept the data volumes: " + String.join(" ", r.keptVolumes()));
            ctx.out().println("apply reinstalls on them; to delete the data: kaspa-aio uninstall --delete-data");
        }
        if (!r.removedVolumes().isEmpty()) {
            ctx.out().println("deleted the data volumes: " + String.join(" ", r.removedVolumes()));
        }
        return 0;
    }
}
