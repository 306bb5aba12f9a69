package org.kaspa.aio.provision;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.health.Readiness;
import org.kaspa.aio.health.ReadinessCheck;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.ProfileStore;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.profile.SecretsStore;
import org.kaspa.aio.progress.ProgressEvent;
import org.kaspa.aio.progress.ProgressEvent.Phase;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.TestEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A role the product does not have yet, converged on the real engine with no change to the planner or
 * the provisioner: a sidecar that depends on k-social-db starts only once that database accepts, while
 * simply-kaspa-db, which depends on nothing, converges in parallel.
 */
class ComponentOrderIT {
    @AfterAll
    static void cleanUp() {
        TestEngine.reset();
    }

    private static int indexOf(List<ProgressEvent> events, String component, Phase phase) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).component().equals(component) && events.get(i).phase() == phase) {
                return i;
            }
        }
        throw new AssertionError("no " + phase + " for " + component + " in " + events.stream().map(ProgressEvent::line).toList());
    }

    @Test
    void aDependentComponentWaitsForItsDatabaseAndIndependentOnesRunInParallel() throws Exception {
        KaspaAio app = KaspaAio.fresh();
        ServiceCatalog catalog = ServiceCatalog.load();
        Profile profile = new ProfileStore(catalog).read(app.home().resolve("profile.json"));
        Secrets secrets = new SecretsStore().read(app.home().resolve("secrets.json"));
        DesiredState base = Provisioner.desiredState(profile, secrets, catalog);

        ContainerSpec spec = new ContainerSpec("k-social-db-sidecar", TestEngine.image(), List.of("sleep", "infinity"),
                Map.of(), Map.of(), List.of(), List.of(), base.network(), List.of(), "SIGKILL", null);
        DockerEngine[] engine = new DockerEngine[1];
        ReadinessCheck running = new ReadinessCheck() {
            @Override
            public Readiness probe() {
                return engine[0].findContainer("k-social-db-sidecar").filter(c -> c.running()).isPresent()
                        ? Readiness.ACCEPTING : Readiness.NO_RESPONSE;
            }

            @Override
            public String describe() {
                return "runs";
            }
        };
        List<DesiredComponent> components = new ArrayList<>(base.components());
        components.add(0, DesiredComponent.of("k-indexer", "sidecar", spec, List.of("k-social-db"), running, null,
                "services.k-indexer"));
        DesiredState withSidecar = new DesiredState(base.network(), base.bindAddress(), base.volumes(),
                DesiredState.inDependencyOrder(components), base.retired());

        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        try (DockerEngine e = DockerEngine.fromEnvironment()) {
            engine[0] = e;
            Provisioner provisioner = new Provisioner(e, catalog);
            assertTrue(provisioner.apply(withSidecar, events::add).hasChanges());

            int dbReady = indexOf(events, "k-social-db", Phase.READY);
            assertTrue(indexOf(events, "k-social-db-sidecar", Phase.CREATING) > dbReady,
                    "the sidecar is created only after its database accepts");
            assertTrue(indexOf(events, "simply-kaspa-db", Phase.CREATING) < dbReady,
                    "the independent database did not wait for k-social-db");
            indexOf(events, "k-social-db-sidecar", Phase.READY);
            assertEquals("sidecar", TestEngine.dockerOk("inspect", "--format", "{{index .Config.Labels \"kaspa-aio.role\"}}",
                    "k-social-db-sidecar"));

            events.clear();
            assertFalse(provisioner.apply(withSidecar, events::add).hasChanges(), "converged: the second apply changes nothing");
        }
    }
}
