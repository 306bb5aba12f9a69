package org.kaspa.aio.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kaspa.aio.app.Installation;
import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.plan.ProvisionPlan;
import org.kaspa.aio.profile.KaspaAioHome;
import org.kaspa.aio.progress.ProgressEvent;
import org.kaspa.aio.progress.ProgressEvent.Phase;
import org.kaspa.aio.profile.PasswordGenerator;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.profile.SecretsStore;
import org.kaspa.aio.provision.ActualState;
import org.kaspa.aio.provision.ApplyException;
import org.kaspa.aio.provision.DesiredState;
import org.kaspa.aio.provision.Planner;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Services, Review and Install ViewModels on the synchronous executor. */
class WizardStepViewModelsTest {
    private final ServiceCatalog catalog = ServiceCatalog.load();
    private final Profile profile = Profile.defaults(catalog);
    private final Secrets secrets = SecretsStore.completeFor(profile, new Secrets(Map.of()), new PasswordGenerator());
    @TempDir
    java.nio.file.Path home;

    /** The application layer on an empty home; these tests never reach its engine. */
    private Installation installation() {
        return Installation.open(new KaspaAioHome(home), "unix:///nonexistent/docker.sock");
    }

    @Test
    void withNoEngineTheGuidanceNamesWhatToInstallOnThisOs() {
        assertTrue(SystemCheckViewModel.guidanceFor("Linux").contains("apt-get install docker.io"));
        assertTrue(SystemCheckViewModel.guidanceFor("Mac OS X").contains("brew install colima docker"));
        assertTrue(SystemCheckViewModel.guidanceFor("Windows 11").contains("Docker Desktop") && SystemCheckViewModel.guidanceFor("Windows 11").contains("podman machine start"));
        for (String os : List.of("Linux", "Mac OS X", "Windows 11")) {
            assertFalse(SystemCheckViewModel.guidanceFor(os).contains("tcp://host"), "no plaintext engine suggested");
            assertTrue(SystemCheckViewModel.guidanceFor(os).contains("https://"), "with where to find it: " + os);
        }
    }

    @Test
    void servicesNeedAtLeastOne() {
        ServicesViewModel vm = new ServicesViewModel(catalog.services(), profile);
        assertTrue(vm.validProperty().get());
        vm.selected("k-indexer").set(false);
        vm.selected("simply-kaspa-indexer").set(false);
        assertTrue(vm.validProperty().get());
        vm.selected("kasia-indexer").set(false);
        assertFalse(vm.validProperty().get());
        assertEquals("Choose at least one service.", vm.problem());
    }

    @Test
    void reviewDescribesThePlanAndMasksPasswords() {
        ReviewViewModel vm = new ReviewViewModel(installation(), BackgroundExecutor.synchronous(),
                (p, s) -> Planner.plan(DesiredState.of(p, s, catalog), new ActualState(Optional.empty(), Map.of(), Map.of(), Set.of())), false);
        vm.refresh(profile, secrets);
        assertTrue(vm.readyProperty().get());
        assertEquals("Pull image timescale/timescaledb:latest-pg16 (not present on the engine)", vm.planLines().get(0));
        assertTrue(vm.planLines().contains("Create container k-social-db (timescale/timescaledb:latest-pg16, 127.0.0.1:5433 -> 5432)"));
        assertEquals(List.of(
                "k-indexer (from containers): postgresql://k_social_user:" + ReviewViewModel.MASK + "@k-social-db:5432/ksocial",
                "k-indexer (from this machine): postgresql://k_social_user:" + ReviewViewModel.MASK + "@127.0.0.1:5433/ksocial",
                "simply-kaspa-indexer (from containers): postgresql://simply_kaspa_user:" + ReviewViewModel.MASK + "@simply-kaspa-db:5432/simply_kaspa",
                "simply-kaspa-indexer (from this machine): postgresql://simply_kaspa_user:" + ReviewViewModel.MASK + "@127.0.0.1:5434/simply_kaspa"),
                vm.connections());
        for (String pw : secrets.asMap().values()) {
            assertFalse(vm.composeProperty().get().contains(pw));
            assertTrue(vm.connections().stream().noneMatch(l -> l.contains(pw)));
        }
        // the compose view is the export: the password only as a file, read through POSTGRES_PASSWORD_FILE
        String compose = vm.composeProperty().get();
        assertTrue(compose.contains("POSTGRES_PASSWORD_FILE: \"/run/secrets/kaspa-aio/postgres-password\""), compose);
        assertFalse(compose.contains("POSTGRES_PASSWORD:"), compose);
        assertTrue(compose.contains("- \"127.0.0.1:5433:5432\""), compose);
        assertTrue(compose.contains("stop_signal: \"SIGINT\""), compose);
    }

    @Test
    void reviewInReconfigureModeListsOnlyChanges() {
        ReviewViewModel vm = new ReviewViewModel(installation(), BackgroundExecutor.synchronous(),
                (p, s) -> Planner.plan(DesiredState.of(p, s, catalog), new ActualState(Optional.empty(), Map.of(), Map.of(), Set.of())), true);
        vm.refresh(profile, secrets);
        assertTrue(vm.planLines().stream().noneMatch(l -> l.startsWith("Keep")));
        assertEquals(List.of("No changes: the engine already matches these settings."),
                ReviewViewModel.describe(new ProvisionPlan(List.of()), true));
    }

    @Test
    void reviewListsPasswordChangesTheEngineCannotSee() {
        ReviewViewModel vm = new ReviewViewModel(installation(), BackgroundExecutor.synchronous(),
                (p, s) -> new ProvisionPlan(List.of()), true);
        vm.refresh(profile, secrets, List.of("Change the password of k_social_user in k-social-db"));
        assertEquals(List.of("Change the password of k_social_user in k-social-db"), vm.planLines());
        vm.refresh(profile, secrets, List.of());
        assertEquals(List.of("No changes: the engine already matches these settings."), vm.planLines());
    }

    @Test
    void reviewShowsPlanningErrors() {
        ReviewViewModel vm = new ReviewViewModel(installation(), BackgroundExecutor.synchronous(), (p, s) -> {
            throw new IllegalStateException("Docker engine not reachable at unix:///x");
        }, false);
        vm.refresh(profile, secrets);
        assertFalse(vm.readyProperty().get());
        assertEquals("Docker engine not reachable at unix:///x", vm.errorProperty().get());
    }

    @Test
    void installReportsProgressAndSuccess() {
        InstallViewModel vm = new InstallViewModel(BackgroundExecutor.synchronous());
        vm.start(l -> {
            l.on(ProgressEvent.of("kaspa-aio", Phase.CREATING, "creating network"));
            l.on(ProgressEvent.of("kaspa-aio", Phase.DONE, "done"));
            l.on(new ProgressEvent("img", Phase.PULLING, 0.5, "pulling 50/100 MB"));
            l.on(ProgressEvent.of("k-social-db", Phase.READY, "accepting connections (1234 ms)"));
        });
        assertEquals(InstallViewModel.State.DONE, vm.stateProperty().get());
        assertEquals(1.0, vm.resources().get(0).progressProperty().get());
        assertEquals(0.5, vm.resources().get(1).progressProperty().get());
        assertEquals("pulling 50/100 MB", vm.resources().get(1).statusProperty().get());
        assertEquals("accepting connections (1234 ms)", vm.resources().get(2).statusProperty().get());
        assertTrue(vm.log().contains("k-social-db: accepting connections (1234 ms)"), vm.log().toString());
        assertFalse(vm.log().contains("img: pulling 50/100 MB"), "pull ticks stay on the row, out of the log");
    }

    /** Work that ends only when the test says so: a cancelled run that has not yet stopped. */
    private static final class HeldExecutor implements BackgroundExecutor {
        final List<Runnable> finishers = new java.util.ArrayList<>();
        int cancels;

        @Override
        public <T> Task run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> onSuccess,
                            java.util.function.Consumer<Throwable> onFailure) {
            finishers.add(() -> onFailure.accept(new IllegalStateException("apply interrupted")));
            return () -> cancels++;
        }

        @Override
        public void onUiThread(Runnable r) {
            r.run();
        }
    }

    @Test
    void retryWaitsUntilTheCancelledRunHasReallyEndedAndStaleCallbacksAreIgnored() {
        HeldExecutor executor = new HeldExecutor();
        InstallViewModel vm = new InstallViewModel(executor);
        vm.start(l -> { });
        vm.cancel();
        assertEquals(1, executor.cancels);
        assertEquals(InstallViewModel.State.CANCELLING, vm.stateProperty().get(), "not CANCELLED while the run still runs");
        vm.start(l -> { });
        assertEquals(1, executor.finishers.size(), "no second run while the first has not ended");
        executor.finishers.get(0).run(); // the cancelled run ends
        assertEquals(InstallViewModel.State.CANCELLED, vm.stateProperty().get());
        assertTrue(vm.failureProperty().get().isEmpty(), "a cancelled run is not reported as failed");

        vm.start(l -> { });
        assertEquals(InstallViewModel.State.RUNNING, vm.stateProperty().get());
        executor.finishers.get(0).run(); // a late callback of the old run
        assertEquals(InstallViewModel.State.RUNNING, vm.stateProperty().get(), "ignored: it belongs to a run that is over");
        executor.finishers.get(1).run();
        assertEquals(InstallViewModel.State.FAILED, vm.stateProperty().get());
    }

    @Test
    void installFailureKeepsTheLogTailAndCanRetry() {
        InstallViewModel vm = new InstallViewModel(BackgroundExecutor.synchronous());
        vm.start(l -> {
            throw new ApplyException("k-social-db stopped before accepting connections", List.of("FATAL: bad config"), null);
        });
        assertEquals(InstallViewModel.State.FAILED, vm.stateProperty().get());
        assertEquals("k-social-db stopped before accepting connections", vm.failureProperty().get());
        assertEquals(List.of("FATAL: bad config"), vm.failureLog());
        vm.start(l -> l.on(ProgressEvent.of("k-social-db", Phase.READY, "accepting connections (5 ms)")));
        assertEquals(InstallViewModel.State.DONE, vm.stateProperty().get());
        assertTrue(vm.failureLog().isEmpty());
    }
}
