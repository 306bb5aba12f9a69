package org.kaspa.aio.cli;

import java.util.List;

/** One CLI verb. Returns the process exit code; throws {@link UsageException} for bad arguments. */
public interface CliCommand {
    String name();

    String usage();

    int run(List<String> args, CliContext ctx) throws Exception;
}
