package org.kaspa.aio.cli;

import org.kaspa.aio.AppVersion;
import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.EngineException;
import org.kaspa.aio.profile.InvalidInputException;
import org.kaspa.aio.profile.KaspaAioHome;
import org.kaspa.aio.provision.ApplyException;
import org.kaspa.aio.provision.ForeignResourceException;

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
        return standard(System.out, System.err);
    }

    public static Cli standard(PrintStream out, PrintStream err) {
        ServiceCatalog[] catalog = new ServiceCatalog[1];
        CliContext ctx = new CliContext(KaspaAioHome.fromEnvironment(), () -> {
            if (catalog[0] == null) {
                catalog[0] = ServiceCatalog.load();
            }
            return catalog[0];
        }, new LazyEngine(), out, err);
        return new Cli(ctx, List.of(new InitCommand(), new PlanCommand(), new ApplyCommand(), new IsReadyCommand(), new StatusCommand(),
                new ConnectionCommand(), new RotatePasswordCommand(), new UninstallCommand(),
                new BackupCommand(), new RestoreCommand(), new ExportCommand(), new LogsCommand()));
    }

    public int run(String[] argv) {
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
        } catch (ApplyException e) {
            ctx.err().println("kaspa-aio: " + e.getMessage());
            e.logTail().forEach(line -> ctx.err().println("  | " + line));
            return 1;
        } catch (InvalidInputException | EngineException | ForeignResourceException
                 | org.kaspa.aio.ops.PasswordRotation.RotationException | org.kaspa.aio.ops.DatabaseBackup.BackupException e) {
            ctx.err().println("kaspa-aio: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            ctx.err().println("kaspa-aio: " + command.name() + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
            return 1;
        } finally {
            if (ctx.engine() instanceof LazyEngine lazy) {
                lazy.close();
            }
        }
    }

    private void printHelp(PrintStream out) {
        out.println("kaspa-aio " + AppVersion.get() + " - Kaspa All-in-One installer");
        out.println("With no arguments the installer window opens. Commands:");
        commands.values().forEach(c -> out.println("  " + c.usage()));
        out.println("  --version");
        out.println("Files: $KASPA_AIO_HOME (default ~/.kaspa-aio)/profile.json and secrets.json; engine: $DOCKER_HOST.");
    }

    /** Opens the engine connection only for commands that need one. */
    static final class LazyEngine implements java.util.function.Supplier<DockerEngine> {
        private DockerEngine engine;

        @Override
        public synchronized DockerEngine get() {
            if (engine == null) {
                engine = DockerEngine.fromEnvironment();
            }
            return engine;
        }

        synchronized void close() {
            if (engine != null) {
                try {
                    engine.close();
                } catch (Exception ignored) {
                    // closing on exit
                }
                engine = null;
            }
        }
    }
}
