package org.kaspa.aio.provision;

import org.junit.jupiter.api.Test;
import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.engine.ContainerInfo;
import org.kaspa.aio.engine.NetworkInfo;
import org.kaspa.aio.engine.VolumeInfo;
import org.kaspa.aio.engine.ContainerSpec;
import org.kaspa.aio.health.Readiness;
import org.kaspa.aio.health.ReadinessCheck;
import org.kaspa.aio.plan.PlanAction;
import org.kaspa.aio.plan.ProvisionPlan;
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
import static org.kaspa.aio.plan.PlanAction.Kind.*;

/** Plan diffs against hand-made engine states (pure logic; the engine tests cover the real thing). */
class PlannerTest {
    private final ServiceCatalog catalog = ServiceCatalog.load();
    private final Profile profile = Profile.defaults(catalog).withoutPoolers().withMonitoring(null).withBackups(false);
    private final Secrets secrets = SecretsStore.completeFor(profile, new Secrets(Map.of()), new PasswordGenerator());
    private final DesiredState desired = DesiredState.of(profile, secrets, catalog);

    private static final Map<String, String> OURS = Map.of(Labels.SERVICE, "x");

    private ActualState converged(DesiredState d) {
        Map<String, VolumeInfo> volumes = new HashMap<>();
        d.volumes().forEach(v -> volumes.put(v.name(), new VolumeInfo(v.name(), OURS)));
        Map<String, ContainerInfo> containers = new HashMap<>();
        d.components().forEach(c -> containers.put(c.name(), container(c, c.configHash(), true)));
        Map<String, String> live = new HashMap<>();
        d.components().stream().filter(c -> c.liveHash() != null).forEach(c -> live.put(c.name(), c.liveHash()));
        return new ActualState(Optional.of(new NetworkInfo("n", d.network(), OURS)), volumes, containers, Set.of(d.components().get(0).spec().image()),
                live);
    }

    private static ContainerInfo container(DesiredComponent c, String hash, boolean running) {
        Map<String, String> labels = new HashMap<>(c.spec().labels());
        labels.put(Labels.CONFIG_HASH, hash);
        var port = c.spec().mainPort();
        return new ContainerInfo("id-" + c.name(), c.name(), c.spec().image(), labels, running ? "running" : "exited", running, true,
                port == null ? null : port.hostAddress(), port == null ? null : port.hostPort());
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
        DesiredComponent db = desired.components().get(1);
        containers.put(db.name(), container(db, db.configHash(), false));
        ProvisionPlan p = Planner.plan(desired, new ActualState(actual.network(), actual.volumes(), containers, actual.images(), actual.liveHashes()));
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
        DesiredComponent a = desired.components().get(0);
        DesiredComponent b = DesiredState.of(profile, secrets.with("k-indexer", "x-another-password"), catalog).components().get(0);
        assertEquals(a.configHash(), b.configHash());
        Profile newImage = profile.withService("k-indexer", profile.service("k-indexer")
                .withDatabase(profile.service("k-indexer").database().withImage("timescale/timescaledb:2.17.0-pg16")));
        assertNotEquals(a.configHash(), DesiredState.of(newImage, secrets, catalog).components().get(0).configHash());
        assertFalse(a.spec().env().containsKey("POSTGRES_PASSWORD"));
        assertEquals(DatabaseComponents.PASSWORD_FILE, a.spec().env().get("POSTGRES_PASSWORD_FILE"));
    }

    /** A role the planner has never heard of: a container with no port and no volume that waits for a database. */
    private static DesiredComponent sidecar(String name, String dependsOn) {
        ContainerSpec spec = new ContainerSpec(name, "sidecar:1", List.of("run"), Map.of(), Map.of(), List.of(), List.of(),
                "kaspa-aio", List.of(), "SIGTERM", null);
        ReadinessCheck running = new ReadinessCheck() {
            public Readiness probe() {
                return Readiness.ACCEPTING;
            }

            public String describe() {
                return "runs";
            }
        };
        return DesiredComponent.of("k-indexer", "sidecar", spec, dependsOn == null ? List.of() : List.of(dependsOn), running, null,
                "services.k-indexer");
    }

    @Test
    void aNewRoleIsPlannedLikeAnyOtherComponent() {
        List<DesiredComponent> components = new java.util.ArrayList<>(desired.components());
        components.add(sidecar("k-social-db-sidecar", "k-social-db"));
        DesiredState withSidecar = new DesiredState(desired.network(), desired.bindAddress(), desired.volumes(),
                DesiredState.inDependencyOrder(components), desired.retired());
        ProvisionPlan p = Planner.plan(withSidecar, converged(desired));
        assertEquals(List.of(PULL_IMAGE, CREATE_CONTAINER), kinds(p));
        assertEquals("create container k-social-db-sidecar (sidecar:1)", p.changes().get(1).describe());
        assertTrue(Planner.plan(withSidecar, converged(withSidecar)).changes().isEmpty(), "converged: nothing to do");
        assertEquals("sidecar", withSidecar.component("k-social-db-sidecar").spec().labels().get(Labels.ROLE));
    }

    @Test
    void dependenciesComeFirstWhateverOrderTheSourcesGaveAndCyclesAreRefused() {
        DesiredComponent db = desired.components().get(0);
        DesiredComponent first = sidecar("a", "b");
        DesiredComponent second = sidecar("b", db.name());
        assertEquals(List.of(db.name(), "b", "a"),
                DesiredState.inDependencyOrder(List.of(first, second, db)).stream().map(DesiredComponent::name).toList());
        assertThrows(IllegalStateException.class, () -> DesiredState.inDependencyOrder(List.of(sidecar("x", "y"), sidecar("y", "x"))));
        assertThrows(IllegalStateException.class, () -> DesiredState.inDependencyOrder(List.of(sidecar("x", "nowhere"))));
    }

    @Test
    void theDatabaseComponentCarriesItsHealthCheckStopSignalAndDataGuard() {
        DesiredComponent db = desired.component("k-social-db");
        assertEquals(ComponentRole.DATABASE, db.role());
        assertEquals("SIGINT", db.spec().stopSignal());
        assertEquals(List.of("pg_isready", "-h", "127.0.0.1", "-p", "5432", "-U", "k_social_user", "-d", "ksocial"),
                db.spec().healthCheck().command());
        assertEquals(new PostgresDataDirectory("k-social-db-data", DatabaseComponents.DATA_PATH, "ksocial", "k_social_user",
                "services.k-indexer.database.name"), db.dataDirectory());
        assertEquals(DatabaseComponents.DATA_PATH, db.spec().env().get("PGDATA"));
        assertEquals("accepts connections on 127.0.0.1:5433", db.readiness().describe());
        Map<String, String> retired = new HashMap<>(DesiredState.of(profile.withService("simply-kaspa-indexer",
                profile.service("simply-kaspa-indexer").withEnabled(false)), secrets, catalog).retired());
        // every replica there may be is named too, so that one left by a larger count is found
        retired.keySet().removeIf(n -> n.contains("-replica-") || n.endsWith("-exporter") || n.endsWith("-backup") || n.startsWith("kaspa-aio-"));
        assertEquals(Map.of("simply-kaspa-db", "simply-kaspa-indexer"), retired);
    }

    @Test
    void aSettingOrCpuChangeUpdatesInPlaceAndAMemoryChangeRecreates() {
        Profile sized = profile.withService("k-indexer", new org.kaspa.aio.profile.ServiceProfile(true,
                profile.service("k-indexer").database().withResources(new org.kaspa.aio.profile.DatabaseResources(1024, 1)), null));
        DesiredState base = DesiredState.of(sized, secrets, catalog);
        var db = sized.service("k-indexer").database();
        Profile setting = sized.withService("k-indexer", new org.kaspa.aio.profile.ServiceProfile(true, db.withSettings(Map.of("work_mem", "8MB")), null));
        assertEquals(List.of(UPDATE_CONTAINER), kinds(Planner.plan(DesiredState.of(setting, secrets, catalog), converged(base))));
        Profile cpus = sized.withService("k-indexer", new org.kaspa.aio.profile.ServiceProfile(true,
                db.withResources(new org.kaspa.aio.profile.DatabaseResources(1024, 2)), null));
        assertEquals(List.of(UPDATE_CONTAINER), kinds(Planner.plan(DesiredState.of(cpus, secrets, catalog), converged(base))));
        Profile memory = sized.withService("k-indexer", new org.kaspa.aio.profile.ServiceProfile(true,
                db.withResources(new org.kaspa.aio.profile.DatabaseResources(2048, 1)), null));
        assertEquals(List.of(RECREATE_CONTAINER), kinds(Planner.plan(DesiredState.of(memory, secrets, catalog), converged(base))),
                "its /dev/shm follows memory, and shm is fixed when a container is created");
    }

    private Profile withReplicas(int count) {
        return profile.withService("k-indexer", profile.service("k-indexer").withDatabase(profile.service("k-indexer").database()
                .withReplicas(org.kaspa.aio.profile.ReplicasProfile.none(5443).withCount(count))));
    }

    @Test
    void replicasAreComponentsAfterTheirPrimaryWithTheirOwnVolumesAndSeeding() {
        DesiredState two = DesiredState.of(withReplicas(2), secrets, catalog);
        List<String> names = two.components().stream().map(DesiredComponent::name).toList();
        assertTrue(names.indexOf("k-social-db-replica-1") > names.indexOf("k-social-db"), names.toString());
        DesiredComponent r2 = two.component("k-social-db-replica-2");
        assertEquals(ComponentRole.REPLICA, r2.role());
        assertEquals(List.of("k-social-db"), r2.dependsOn());
        assertEquals("k-social-db-replica-2-data", r2.spec().mounts().get(0).volume());
        assertEquals(5453, r2.spec().mainPort().hostPort());
        assertNotNull(r2.seeding());
        assertFalse(r2.spec().env().containsKey("POSTGRES_PASSWORD_FILE"), "an empty volume must never initialise as a new primary");
        String replication = secrets.replicationPassword("k-indexer").orElseThrow();
        r2.spec().files().stream().filter(f -> !f.secret()).forEach(f -> assertFalse(new String(f.content()).contains(replication), f.path()));
        assertTrue(r2.spec().files().stream().anyMatch(f -> f.secret() && new String(f.content()).contains("password=" + replication)));
        assertTrue(new String(r2.spec().files().get(0).content()).contains("hot_standby = 'on'\nprimary_slot_name = 'kaspa_aio_replica_2'\n"),
                "in a fixed order: the file is hashed, so its bytes must not change from one run to the next");
        assertNotNull(two.component("k-social-db").upkeep(), "the primary keeps the replication role and slots");
        assertFalse(two.discarded().containsValue("k-social-db-replica-1-data") || two.discarded().containsValue("k-social-db-replica-2-data"),
                "nothing the count covers is discarded: " + two.discarded());
        assertEquals("k-social-db-replica-3-data", two.discarded().get("k-social-db-replica-3"), "one a larger count left behind would be");
    }

    @Test
    void scalingDownRemovesTheReplicaAndItsCopyButAWholeServiceDisabledKeepsItsVolumes() {
        DesiredState two = DesiredState.of(withReplicas(2), secrets, catalog);
        DesiredState one = DesiredState.of(withReplicas(1), secrets, catalog);
        ActualState actual = converged(two);
        ProvisionPlan p = Planner.plan(one, actual);
        assertEquals(List.of(REMOVE_CONTAINER, REMOVE_VOLUME), kinds(p), p.changes().toString());
        assertEquals("k-social-db-replica-2-data", p.changes().get(1).resource());
        assertEquals("it holds only a copy, and its container goes", p.changes().get(1).reason());
        assertEquals("no longer in profile.json; its volume holds only a copy and goes too; the database stays", p.changes().get(0).reason());
        assertEquals("k-indexer", p.changes().get(1).serviceId());
        Profile off = withReplicas(2).withService("k-indexer", withReplicas(2).service("k-indexer").withEnabled(false));
        ProvisionPlan disabled = Planner.plan(DesiredState.of(off, secrets, catalog), actual);
        assertTrue(disabled.changes().stream().noneMatch(a -> a.kind() == REMOVE_VOLUME), "a disabled service keeps every volume");
        assertEquals(3, disabled.changes().stream().filter(a -> a.kind() == REMOVE_CONTAINER).count(),
                "the database and its 2 replicas: " + disabled.changes());
    }

    @Test
    void thePoolerOffersTheReplicasAsAReadOnlyDatabase() {
        var db = withReplicas(2).service("k-indexer").database().withPooler(new org.kaspa.aio.profile.PoolerProfile(true, "pgbouncer", 6433,
                "session", 100, 10));
        String ini = PoolerComponents.ini(db, db.pooler(), "p", false);
        assertTrue(ini.contains("ksocial_readonly = host=k-social-db-replica-1,k-social-db-replica-2 port=5432 dbname=ksocial"), ini);
        assertFalse(PoolerComponents.ini(db.withReplicas(null), db.pooler(), "p", false).contains("readonly"));
    }

    @Test
    void monitoringAddsAnExporterPerDatabaseAndOnePrometheusWithTheRulesAndScrapeTargets() throws Exception {
        Profile monitored = profile.withMonitoring(org.kaspa.aio.profile.MonitoringProfile.defaults());
        Secrets s = SecretsStore.completeFor(monitored, secrets, new PasswordGenerator());
        DesiredState d = DesiredState.of(monitored, s, catalog);
        DesiredComponent exporter = d.component("k-social-db-exporter");
        assertEquals(List.of("k-social-db"), exporter.dependsOn());
        assertEquals("/run/secrets/kaspa-aio/monitor-password", exporter.spec().env().get("DATA_SOURCE_PASS_FILE"));
        assertFalse(exporter.spec().env().values().stream().anyMatch(v -> v.contains(s.monitorPassword("k-indexer").orElseThrow())));
        DesiredComponent prometheus = d.component(PrometheusComponents.CONTAINER);
        assertEquals(List.of("kaspa-aio-volume-exporter", "k-social-db-exporter", "simply-kaspa-db-exporter"), prometheus.dependsOn());
        DesiredComponent volumes = d.component(VolumeExporterComponents.CONTAINER);
        assertEquals(List.of("k-social-db-data:/volumes/k-social-db:true", "simply-kaspa-db-data:/volumes/simply-kaspa-db:true"),
                volumes.spec().mounts().stream().map(m -> m.volume() + ":" + m.path() + ":" + m.readOnly()).toList(), "the data volumes, read-only");
        assertEquals("kaspa-aio-prometheus-data", prometheus.spec().mounts().get(0).volume());
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        var config = yaml.readTree(new String(prometheus.spec().files().get(0).content()));
        assertEquals("simply-kaspa-db-exporter:9187", config.at("/scrape_configs/0/static_configs/1/targets/0").asText());
        assertEquals("simply-kaspa-indexer", config.at("/scrape_configs/0/static_configs/1/labels/service").asText());
        var rules = yaml.readTree(new String(prometheus.spec().files().get(1).content()));
        assertEquals(AlertRules.RULES.size(), rules.at("/groups/0/rules").size());
        assertEquals(AlertRules.RULES.get(0).expr(), rules.at("/groups/0/rules/0/expr").asText(), "the rule file says the expression as written");
        assertEquals("critical", rules.at("/groups/0/rules/0/labels/severity").asText());
        assertTrue(DesiredState.of(monitored.withMonitoring(monitored.monitoring().withEnabled(false)), s, catalog).retired()
                .containsKey(PrometheusComponents.CONTAINER), "turned off: removed");
    }

    @Test
    void aPooledDatabaseGetsAPoolerExporterThatLogsInAsTheMonitoringRoleWithAPasswordFileOnly() throws Exception {
        Profile monitored = profile.withMonitoring(org.kaspa.aio.profile.MonitoringProfile.defaults());
        monitored = monitored.withService("k-indexer", monitored.service("k-indexer").withDatabase(monitored.service("k-indexer").database()
                .withPooler(new org.kaspa.aio.profile.PoolerProfile(true, "pgbouncer", 6433, "session", 100, 10))));
        Secrets s = SecretsStore.completeFor(monitored, secrets, new PasswordGenerator());
        DesiredState d = DesiredState.of(monitored, s, catalog);
        DesiredComponent exporter = d.component("k-social-db-pooler-exporter");
        assertEquals(List.of("k-social-db-pooler"), exporter.dependsOn());
        String monitorPassword = s.monitorPassword("k-indexer").orElseThrow();
        assertEquals(List.of("--pgBouncer.connectionString=postgres://kaspa_aio_monitor@k-social-db-pooler:6432/pgbouncer?sslmode=disable",
                "--web.listen-address=:9127"), exporter.spec().command());
        var passfile = exporter.spec().files().get(0);
        assertEquals(exporter.spec().env().get("PGPASSFILE"), passfile.path());
        assertEquals(0600, passfile.mode(), "libpq ignores a password file others may read");
        assertEquals(65534, passfile.owner(), "owned by the image's user, nobody");
        assertTrue(passfile.secret());
        assertTrue(new String(passfile.content()).startsWith("k-social-db-pooler:6432:pgbouncer:kaspa_aio_monitor:"));
        assertFalse(exporter.spec().toString().contains(monitorPassword));
        var pooler = d.component("k-social-db-pooler");
        String ini = new String(pooler.spec().files().get(0).content());
        assertTrue(ini.contains("stats_users = k_social_user, kaspa_aio_monitor"), ini);
        String auth = new String(pooler.spec().files().stream().filter(f -> f.path().equals(PoolerComponents.AUTH_PATH)).findFirst().orElseThrow().content());
        assertTrue(auth.contains("\"kaspa_aio_monitor\" \"SCRAM-SHA-256$4096:"), "the monitoring role's verifier, never its password");
        assertFalse(auth.contains(monitorPassword));
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        var config = yaml.readTree(new String(d.component(PrometheusComponents.CONTAINER).spec().files().get(0).content()));
        assertEquals("pgbouncer", config.at("/scrape_configs/1/job_name").asText());
        assertEquals("k-social-db-pooler-exporter:9127", config.at("/scrape_configs/1/static_configs/0/targets/0").asText());
        assertEquals("volumes", config.at("/scrape_configs/2/job_name").asText());
        // the pooler turned off: its exporter goes with it
        Profile unpooled = monitored.withService("k-indexer", monitored.service("k-indexer").withDatabase(
                monitored.service("k-indexer").database().withPooler(new org.kaspa.aio.profile.PoolerProfile(false, "pgbouncer", 6433,
                        "session", 100, 10))));
        assertTrue(DesiredState.of(unpooled, s, catalog).retired().containsKey("k-social-db-pooler-exporter"));
    }

    @Test
    void backupsAddAnAgentAndArchivingTheDatabaseTurnsOn() {
        Profile backedUp = profile.withBackups(true);
        Secrets s = SecretsStore.completeFor(backedUp, secrets, new PasswordGenerator());
        DesiredState d = DesiredState.of(backedUp, s, catalog);
        DesiredComponent agent = d.component("k-social-db-backup");
        assertEquals(List.of("k-social-db"), agent.dependsOn());
        assertEquals(List.of("bash", BackupComponents.AGENT_PATH, "run"), agent.spec().command());
        assertEquals("0 3 * * *", agent.spec().env().get("KASPA_AIO_SCHEDULE"));
        assertEquals("k-social-db-data-backups", agent.spec().mounts().get(0).volume());
        assertFalse(agent.spec().toString().contains(s.replicationPassword("k-indexer").orElseThrow()), "the password only in a file");
        DesiredComponent db = d.component("k-social-db");
        assertEquals(List.of("k-social-db-data", "k-social-db-data-backups"), db.spec().mounts().stream().map(m -> m.volume()).toList(),
                "the server archives into the backups volume");
        String conf = new String(db.spec().files().stream().filter(f -> f.path().endsWith("postgresql.conf")).findFirst().orElseThrow().content());
        assertTrue(conf.contains("archive_mode = 'on'") || conf.contains("archive_mode = on"), conf);
        assertTrue(conf.contains("archive-wal.sh %p %f"), conf);
        // point in time off: the agent takes self-contained base backups and the server archives nothing
        Profile noPitr = backedUp.withService("k-indexer", backedUp.service("k-indexer").withDatabase(backedUp.service("k-indexer").database()
                .withBackups(new org.kaspa.aio.profile.BackupsProfile(true, "0 3 * * *", 7, false, "k-social-db-data-backups"))));
        DesiredState d2 = DesiredState.of(noPitr, s, catalog);
        assertEquals(1, d2.component("k-social-db").spec().mounts().size());
        assertEquals("false", d2.component("k-social-db-backup").spec().env().get("KASPA_AIO_POINT_IN_TIME"));
        // off: the agent goes, the backups volume stays (uninstall --delete-data names it)
        assertTrue(DesiredState.of(profile, s, catalog).retired().containsKey("k-social-db-backup"));
        assertTrue(DesiredState.volumeNames(backedUp).contains("k-social-db-data-backups"));
    }
}
