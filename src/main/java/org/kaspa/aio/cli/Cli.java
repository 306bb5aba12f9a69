package org.kaspa.aio.cli;

import org.kaspa.aio.app.AppVersion;
import org.kaspa.aio.app.Installation;
import org.kaspa.aio.errors.UserFacingException;
import org.kaspa.aio.profile.KaspaAioHome;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headless front end: {@code java -jar kaspa-aio.jar <command>}. Exit 0 on success; otherwise a
 * one-line reason on stderr ({@code kaspa-aio: <reason>}) and a non-zero code: 1 failure, 2 usage.
 */
public final class Cli {
    private final Map<String, CliCommand> commands = new LinkedHashMap<>();
    private final CliContext ctx;

    public Cli(CliContext ctx, List<CliCommand> commandList) {
        this.ctx = ctx;
        commandList.forEach(c -> commands.put(c.name(), c));
    }

    public static Cli standard() {
        return standard(Installation.open(KaspaAioHome.fromEnvironment()), System.out, System.err);
    }

    public static Cli standard(Installation installation, PrintStream out, PrintStream err) {
        installation.noticesTo(line -> err.println("kaspa-aio: " + line));
        return new Cli(new CliContext(installation, out, err), List.of(new InitCommand(), new PlanCommand(), new ApplyCommand(),
                new IsReadyCommand(), new StatusCommand(), new ConnectionCommand(), new RotatePasswordCommand(), new UninstallCommand(),
                new BackupCommand(), new BackupsCommand(), new RestoreCommand(), new ExportCommand(), new LogsCommand(), new EnginesCommand()));
    }

    public int run(String[] argv) {
        try {
            return dispatch(argv);
        } finally {
            ctx.installation().close();
        }
    }

    private int dispatch(String[] given) {
        List<String> all = new java.util.ArrayList<>(Arrays.asList(given));
        try {
            takeEngineFlags(all);
        } catch (UsageException e) {
            ctx.err().println("kaspa-aio: " + e.getMessage());
            return 2;
        }
        String[] argv = all.toArray(String[]::new);
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("help") || argv[0].equals("-h")) {
            printHelp(ctx.out());
            return 0;
        }
        if (argv[0].equals("--version") || argv[0].equals("version")) {
            ctx.out().println("kaspa-aio " + AppVersion.get());
            return 0;
        }
        CliCommand command = commands.get(argv[0]);
        if (command == null) {
            ctx.err().println("kaspa-aio: unknown command '" + argv[0] + "' (see 'kaspa-aio --help')");
            return 2;
        }
        List<String> args = Arrays.asList(argv).subList(1, argv.length);
        try {
            return command.run(args, ctx);
        } catch (UsageException e) {
            ctx.err().println("kaspa-aio " + command.name() + ": " + e.getMessage());
            ctx.err().println("usage: kaspa-aio " + command.usage());
            return 2;
        } catch (UserFacingException e) {
            ctx.err().println("kaspa-aio: " + e.getMessage());
            e.details().forEach(line -> ctx.err().println("  | " + line));
            return 1;
        } catch (Exception e) {
            ctx.err().println("kaspa-aio: " + command.name() + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
            return 1;
        }
    }

    /** {@code --engine HOST} and {@code --insecure-engine} go with any command that talks to the engine. */
    private void takeEngineFlags(List<String> args) {
        int i = args.indexOf("--engine");
        if (i >= 0) {
            if (i + 1 >= args.size()) {
                throw new UsageException("--engine needs an engine address, e.g. unix:///var/run/docker.sock (see 'kaspa-aio engines')");
            }
            ctx.installation().useEngine(args.get(i + 1));
            args.remove(i + 1);
            args.remove(i);
        }
        if (args.remove("--insecure-engine")) {
            ctx.installation().acceptInsecureEngine();
        }
    }

    private void printHelp(PrintStream out) {
        out.println("kaspa-aio " + AppVersion.get() + " - Kaspa All-in-One installer");
        out.println("With no arguments the installer window opens. Commands:");
        commands.values().forEach(c -> out.println("  " + c.usage()));
        out.println("  --version");
        out.println("  --engine HOST, --insecure-engine   with any command: the engine to use; accept a plaintext tcp:// engine");
        out.println("Files: $KASPA_AIO_HOME (default ~/.kaspa-aio)/profile.json and secrets.json; engine: --engine, $DOCKER_HOST,"
                + " the one profile.json remembers, the docker context, or a known socket (see 'kaspa-aio engines').");
    }
}
