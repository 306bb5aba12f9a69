package org.kaspa.aio.provision;

import org.junit.jupiter.api.Test;
import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.engine.ContainerInfo;
import org.kaspa.aio.engine.NetworkInfo;
import org.kaspa.aio.engine.VolumeInfo;
import org.kaspa.aio.profile.PasswordGenerator;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.profile.SecretsStore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static org.kaspa.aio.provision.PlanAction.Kind.*;

/** Plan diffs against hand-made engine states (pure logic; the engine tests cover the real thing). */
class PlannerTest {
    private final ServiceCatalog catalog = ServiceCatalog.load();
    private final Profile profile = Profile.defaults(catalog);
    private final Secrets secrets = SecretsStore.completeFor(profile, new Secrets(Map.of()), new PasswordGenerator());
    private final DesiredState desired = DesiredState.of(profile, secrets, catalog);

    private static final Map<String, String> OURS = Map.of(Labels.SERVICE, "x");

    private ActualState converged(DesiredState d) {
        Map<String, VolumeInfo> volumes = new HashMap<>();
        d.volumes().forEach(v -> volumes.put(v.name(), new VolumeInfo(v.name(), OURS)));
        Map<String, ContainerInfo> containers = new HashMap<>();
        d.databases().forEach(db -> containers.put(db.spec().name(), container(db, db.configHash(), true)));
        return new ActualState(Optional.of(new NetworkInfo("n", d.network(), OURS)), volumes, containers, Set.of(d.databases().get(0).spec().image()));
    }

    private static ContainerInfo container(DesiredDatabase db, String hash, boolean running) {
        Map<String, String> labels = new HashMap<>(db.spec().labels());
        labels.put(Labels.CONFIG_HASH, hash);
        return new ContainerInfo("id-" + db.spec().name(), db.spec().name(), db.spec().image(), labels,
                running ? "running" : "exited", running, true, db.spec().bindAddress(), db.spec().hostPort());
    }

    private static List<PlanAction.Kind> kinds(ProvisionPlan p) {
        return p.changes().stream().map(PlanAction::kind).toList();
    }

    @Test
    void fromNothingCreatesEverythingOnceAndPullsTheSharedImageOnce() {
        ProvisionPlan p = Planner.plan(desired, new ActualState(Optional.empty(), Map.of(), Map.of(), Set.of()));
        assertEquals(List.of(PULL_IMAGE, CREATE_NETWORK, CREATE_VOLUME, CREATE_VOLUME, CREATE_VOLUME, CREATE_CONTAINER, CREATE_CONTAINER), kinds(p));
    }

    @Test
    void convergedStateNeedsNothing() {
        ProvisionPlan p = Planner.plan(desired, converged(desired));
        assertFalse(p.hasChanges(), p.changes().toString());
        assertEquals(6, p.actions().size(), "network, 3 volumes and 2 containers kept");
    }

    @Test
    void aPasswordChangeAloneRecreatesNothing() {
        Secrets other = secrets.with("k-indexer", "another-password-123");
        assertFalse(Planner.plan(DesiredState.of(profile, other, catalog), converged(desired)).hasChanges());
    }

    @Test
    void aPortChangeRecreatesOnlyThatContainer() {
        Profile moved = profile.withService("k-indexer", profile.service("k-indexer")
                .withDatabase(profile.service("k-indexer").database().withPort(6543)));
        ProvisionPlan p = Planner.plan(DesiredState.of(moved, secrets, catalog), converged(desired));
        assertEquals(1, p.changes().size());
        PlanAction a = p.changes().get(0);
        assertEquals(RECREATE_CONTAINER, a.kind());
        assertEquals("k-social-db", a.resource());
        assertEquals("port 5433 -> 6543; volume kept", a.reason());
    }

    @Test
    void aStoppedContainerIsStarted() {
        ActualState actual = converged(desired);
        Map<String, ContainerInfo> containers = new HashMap<>(actual.containers());
        DesiredDatabase db = desired.databases().get(1);
        containers.put(db.spec().name(), container(db, db.configHash(), false));
        ProvisionPlan p = Planner.plan(desired, new ActualState(actual.network(), actual.volumes(), containers, actual.images()));
        assertEquals(List.of(START_CONTAINER), kinds(p));
    }

    @Test
    void disablingRemovesTheContainerAndKeepsTheVolume() {
        Profile off = profile.withService("simply-kaspa-indexer", profile.service("simply-kaspa-indexer").withEnabled(false));
        ProvisionPlan p = Planner.plan(DesiredState.of(off, secrets, catalog), converged(desired));
        assertEquals(List.of(REMOVE_CONTAINER), kinds(p));
        assertEquals("simply-kaspa-db", p.changes().get(0).resource());
    }

    @Test
    void foreignResourcesAreRefused() {
        ActualState actual = converged(desired);
        Map<String, ContainerInfo> containers = new HashMap<>(actual.containers());
        containers.put("k-social-db", new ContainerInfo("x", "k-social-db", "postgres", Map.of(), "running", true, true, null, null));
        var e = assertThrows(ForeignResourceException.class,
                () -> Planner.plan(desired, new ActualState(actual.network(), actual.volumes(), containers, actual.images())));
        assertTrue(e.getMessage().startsWith("container 'k-social-db' exists but was not created by kaspa-aio"));
        assertThrows(ForeignResourceException.class, () -> Planner.plan(desired,
                new ActualState(Optional.of(new NetworkInfo("n", "kaspa-aio", Map.of())), Map.of(), Map.of(), Set.of())));
    }

    @Test
    void configHashIgnoresSecretsButNotInitScriptsOrImage() {
        DesiredDatabase a = desired.databases().get(0);
        DesiredDatabase b = DesiredState.of(profile, secrets.with("k-indexer", "x-another-password"), catalog).databases().get(0);
        assertEquals(a.configHash(), b.configHash());
        Profile newImage = profile.withService("k-indexer", profile.service("k-indexer")
                .withDatabase(profile.service("k-indexer").database().withImage("timescale/timescaledb:2.17.0-pg16")));
        assertNotEquals(a.configHash(), DesiredState.of(newImage, secrets, catalog).databases().get(0).configHash());
        assertFalse(a.spec().env().containsKey("POSTGRES_PASSWORD"));
        assertEquals(DesiredState.PASSWORD_FILE, a.spec().env().get("POSTGRES_PASSWORD_FILE"));
    }
}
