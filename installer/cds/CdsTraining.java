import javafx.application.Platform;
import javafx.scene.control.Labeled;
import javafx.stage.Window;
import org.kaspa.aio.Launcher;
import org.kaspa.aio.cli.Cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The training run behind the app's class-data sharing archive (installer/build.sh). It runs the real code
 * a person starts, with -XX:DumpLoadedClassList, so that the archive holds what a start actually loads:
 * the wizard (Launcher without arguments) until its first frames are on screen and the engine check has
 * answered, then the CLI verbs people run most (help, init, plan, status) in a scratch home. It is compiled
 * and run at packaging time only and never shipped. The engine it asks is whatever DOCKER_HOST names (the
 * verbs it runs only read); without one the check and the verbs fail fast, and the archive holds less. Last, it
 * loads the classes of the packages installer/cds/unreached-packages lists (-Dkaspa.aio.cds.unreached): what
 * runs only against an installed stack, which a packaging machine does not create.
 */
public final class CdsTraining {
    public static void main(String[] args) throws Exception {
        Thread wizard = new Thread(() -> Launcher.main(new String[0]), "training-wizard");
        wizard.start();
        awaitOnFxThread(() -> Window.getWindows().stream().anyMatch(Window::isShowing), 60);
        awaitOnFxThread(() -> Window.getWindows().stream().filter(Window::isShowing)
                .map(w -> (Labeled) w.getScene().lookup("#engine-summary"))
                .anyMatch(l -> l != null && !l.getText().startsWith("Checking")), 30);
        Platform.exit();
        wizard.join(TimeUnit.SECONDS.toMillis(30));

        for (String[] verb : new String[][]{{"--version"}, {"--help"}, {"init"}, {"plan"}, {"status"}, {"status", "--json"}}) {
            int code = Cli.standard().run(verb);
            System.err.println("training: kaspa-aio " + String.join(" ", verb) + " exited " + code);
        }
        String unreached = System.getProperty("kaspa.aio.cds.unreached");
        if (unreached != null) {
            Set<String> lambdas = new java.util.LinkedHashSet<>();
            System.err.println("training: loaded " + loadPackages(Path.of(unreached), lambdas) + " classes of packages the run cannot reach");
            String lambdaFile = System.getProperty("kaspa.aio.cds.lambdas");
            if (lambdaFile != null) {
                Files.write(Path.of(lambdaFile), lambdas);
                System.err.println("training: " + lambdas.size() + " lambda call sites of those classes for the class list");
            }
        }
        System.exit(0);
    }

    /**
     * Loads (without initialising) every class of the packages a file lists, from the jars on the class path, so
     * that the class list records them: code that only runs against an installed stack (see unreached-packages).
     * A class whose optional dependency is absent fails to load and is left out, as it would be at run time. The
     * lambda call sites of the classes loaded go to {@code lambdaLines} as the class list's lines (LambdaProxyLines).
     */
    private static int loadPackages(Path listFile, Set<String> lambdaLines) throws Exception {
        Set<String> packages = new HashSet<>();
        for (String line : Files.readAllLines(listFile)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                packages.add(line.strip());
            }
        }
        int loaded = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                for (JarEntry e : Collections.list(jar.entries())) {
                    String name = e.getName();
                    int slash = name.lastIndexOf('/');
                    if (!name.endsWith(".class") || name.startsWith("META-INF/") || slash < 0 || !packages.contains(name.substring(0, slash))
                            || name.endsWith("module-info.class") || name.endsWith("package-info.class")) {
                        continue;
                    }
                    try {
                        Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, CdsTraining.class.getClassLoader());
                        loaded++;
                    } catch (ClassNotFoundException | LinkageError optionalDependencyMissing) {
                        continue; // not loadable here, so not at run time either
                    }
                    try (var bytes = jar.getInputStream(e)) {
                        lambdaLines.addAll(LambdaProxyLines.of(bytes.readAllBytes()));
                    } catch (java.io.IOException notReadHere) {
                        // a class file this reader does not know: its lambdas are made at run time, as without a line
                    }
                }
            }
        }
        return loaded;
    }

    /** Polls a condition on the JavaFX thread (once the toolkit runs) until it holds or the time is up. */
    private static void awaitOnFxThread(java.util.function.BooleanSupplier condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            CompletableFuture<Boolean> holds = new CompletableFuture<>();
            try {
                Platform.runLater(() -> holds.complete(condition.getAsBoolean()));
            } catch (IllegalStateException toolkitNotYetStarted) {
                holds.complete(false);
            }
            if (holds.get(10, TimeUnit.SECONDS)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the training run's wizard did not get there within " + seconds + " s");
    }
}
