package org.kaspa.aio.ui;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.profile.PasswordGenerator;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.ProfileValidator;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.profile.SecretsStore;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Every validation rule of the Databases step, with a fake port table (the engine tests use the real host). */
class DatabasesViewModelTest {
    private final ServiceCatalog catalog = ServiceCatalog.load();
    private final Profile defaults = Profile.defaults(catalog);
    private final Set<String> enabled = new LinkedHashSet<>(List.of("k-indexer", "simply-kaspa-indexer", "kasia-indexer"));
    private final Set<Integer> busy = new HashSet<>();
    private DatabasesViewModel vm;
    private DatabaseForm k;

    @BeforeEach
    void setUp() {
        Secrets secrets = SecretsStore.completeFor(defaults, new Secrets(Map.of()), new PasswordGenerator());
        vm = new DatabasesViewModel(catalog, defaults, secrets, () -> enabled,
                (bind, port) -> busy.contains(port) ? Optional.of("another program") : Optional.empty());
        k = vm.form("k-indexer");
    }

    @Test
    void defaultsAreValid() {
        assertTrue(vm.validProperty().get(), vm.problemProperty().get());
        assertEquals("", vm.problemProperty().get());
        assertEquals(2, vm.visibleForms().size());
    }

    @Test
    void portMustBeANumberInRange() {
        k.portProperty().set("abc");
        assertEquals("must be a whole number", k.portErrorProperty().get());
        assertFalse(vm.validProperty().get());
        assertEquals("K social indexer port: must be a whole number", vm.problemProperty().get());
        k.portProperty().set("1023");
        assertEquals("must be between 1024 and 65535 (got 1023)", k.portErrorProperty().get());
        k.portProperty().set("65536");
        assertEquals("must be between 1024 and 65535 (got 65536)", k.portErrorProperty().get());
        k.portProperty().set(" 6000 ");
        assertEquals("", k.portErrorProperty().get());
        assertTrue(vm.validProperty().get());
    }

    @Test
    void duplicateAndBusyPorts() {
        vm.form("simply-kaspa-indexer").portProperty().set("5433");
        assertEquals("port 5433 is already used by K social indexer", vm.form("simply-kaspa-indexer").portErrorProperty().get());
        assertFalse(vm.validProperty().get());
        vm.form("simply-kaspa-indexer").portProperty().set("5434");
        busy.add(7000);
        k.portProperty().set("7000");
        assertEquals("port 7000 is in use on this machine (another program); choose a free port", k.portErrorProperty().get());
        assertFalse(vm.validProperty().get());
    }

    @Test
    void aDeselectedDatabaseDoesNotBlockNext() {
        k.portProperty().set("5434"); // duplicate of simply-kaspa's
        assertFalse(vm.validProperty().get());
        enabled.remove("k-indexer");
        vm.validate();
        assertTrue(vm.validProperty().get(), vm.problemProperty().get());
        assertEquals(1, vm.visibleForms().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"KSocial", "k-social", "1db", "", "template1"})
    void databaseNames(String name) {
        k.nameProperty().set(name);
        assertFalse(k.nameErrorProperty().get().isEmpty());
        assertFalse(vm.validProperty().get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg_admin", "public", "Bob", "bob smith"})
    void userNames(String user) {
        k.userProperty().set(user);
        assertFalse(k.userErrorProperty().get().isEmpty());
        assertFalse(vm.validProperty().get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "line\nbreak-123456", " leading-space-12"})
    void badPasswords(String pw) {
        k.passwordProperty().set(pw);
        assertEquals(ProfileValidator.passwordProblem(pw), k.passwordErrorProperty().get());
        assertFalse(vm.validProperty().get());
    }

    @Test
    void passwordsWithQuotesDollarAtColonSlashAndSpacesAreFine() {
        k.passwordProperty().set("p'a\"s$s@w:o/r d-1234");
        assertEquals("", k.passwordErrorProperty().get());
        assertTrue(vm.validProperty().get());
    }

    @Test
    void strengthMeterAndRegenerate() {
        k.passwordProperty().set("abcdefghijkl");
        assertTrue(k.strengthProperty().get() < 0.6);
        assertEquals("weak", k.strengthTextProperty().get());
        k.regeneratePassword();
        assertEquals(1.0, k.strengthProperty().get());
        assertEquals("strong", k.strengthTextProperty().get());
        assertTrue(vm.validProperty().get());
    }

    @Test
    void imageAndBindAddress() {
        k.imageProperty().set("Not An Image");
        assertTrue(k.imageErrorProperty().get().startsWith("must be a Docker image reference"));
        k.imageProperty().set("timescale/timescaledb:2.17.2-pg16");
        assertTrue(vm.validProperty().get());
        vm.bindAddressProperty().set("localhost");
        assertFalse(vm.validProperty().get());
        assertEquals("Bind address: must be an IP address such as 127.0.0.1", vm.problemProperty().get());
        vm.bindAddressProperty().set("0.0.0.0");
        assertTrue(vm.validProperty().get());
        assertTrue(vm.bindWarningProperty().get().startsWith("Databases will be reachable from other machines"));
        vm.bindAddressProperty().set("127.0.0.1");
        assertEquals("", vm.bindWarningProperty().get());
    }

    @Test
    void fieldsBecomeTheProfileAndSecrets() {
        k.portProperty().set("15433");
        k.passwordProperty().set("a-new-password-123");
        Profile p = vm.applyTo(defaults, Set.of("k-indexer"));
        assertEquals(15433, p.service("k-indexer").database().port());
        assertFalse(p.service("simply-kaspa-indexer").enabled());
        assertFalse(p.service("kasia-indexer").enabled());
        assertDoesNotThrow(() -> ProfileValidator.validate(p));
        assertEquals("a-new-password-123", vm.applyTo(new Secrets(Map.of())).password("k-indexer").orElseThrow());
    }

    @Test
    void theSuggestedSplitFillsUntouchedFieldsAndLimitsAreCheckedAgainstTheMachine() {
        assertEquals("", k.memoryMbProperty().get(), "nothing until the engine's machine is known: apply sizes it then");
        assertTrue(vm.validProperty().get());
        vm.applySizing(8192, 4, Map.of("k-indexer", new org.kaspa.aio.profile.DatabaseResources(1344, 1.5),
                "simply-kaspa-indexer", new org.kaspa.aio.profile.DatabaseResources(2688, 2.5)));
        assertEquals("1344", k.memoryMbProperty().get());
        assertEquals("1.5", k.cpusProperty().get());
        k.memoryMbProperty().set("2000");
        vm.applySizing(8192, 4, Map.of("k-indexer", new org.kaspa.aio.profile.DatabaseResources(4096, 4)));
        assertEquals("2000", k.memoryMbProperty().get(), "what the person typed is kept on a re-split");
        k.memoryMbProperty().set("9000");
        assertEquals("is more than the engine's machine has (8192 MB)", k.memoryErrorProperty().get());
        assertEquals("K social indexer memory: is more than the engine's machine has (8192 MB)", vm.problemProperty().get());
        k.memoryMbProperty().set("2000");
        k.cpusProperty().set("lots");
        assertEquals("must be a number such as 1.5", k.cpusErrorProperty().get());
        k.cpusProperty().set("2");
        assertTrue(vm.validProperty().get());
        k.settings().add(new DatabaseForm.SettingRow("work_mem", "8MB"));
        k.settings().add(new DatabaseForm.SettingRow("work_mem", "16MB"));
        assertEquals("work_mem: is set twice", k.settingsErrorProperty().get());
        k.settings().remove(1);
        k.settings().add(new DatabaseForm.SettingRow("config_file", "/x"));
        assertEquals("config_file: is set by kaspa-aio itself and cannot be changed here", k.settingsErrorProperty().get());
        k.settings().remove(1);
        assertTrue(vm.validProperty().get(), vm.problemProperty().get());
        var db = vm.applyTo(defaults, enabled).service("k-indexer").database();
        assertEquals(new org.kaspa.aio.profile.DatabaseResources(2000, 2), db.resources());
        assertEquals(Map.of("work_mem", "8MB"), db.settings());
    }

    @Test
    void aPoolerPortSharesTheStepsPortsAndIsCheckedOnlyWhileOn() {
        assertTrue(k.hasPooler() && k.poolerEnabledProperty().get(), "a new install has its pooler on");
        k.poolerPortProperty().set("5434");
        assertEquals("port 5434 is already used by K social indexer pooler", vm.form("simply-kaspa-indexer").portErrorProperty().get());
        k.poolerEnabledProperty().set(false);
        assertEquals("", vm.form("simply-kaspa-indexer").portErrorProperty().get());
        assertTrue(vm.validProperty().get(), vm.problemProperty().get());
        assertFalse(vm.applyTo(defaults, enabled).service("k-indexer").database().pooled());
    }

    @Test
    void readReplicasAreACountAndAPortEachAndSurviveTheRoundTrip() {
        assertEquals("0", k.replicaCountProperty().get());
        assertEquals("5443", k.replicaPortsProperty().get());
        k.replicaCountProperty().set("2");
        assertEquals("", k.replicasErrorProperty().get(), "a short list is filled with the default ports");
        Profile applied = vm.applyTo(defaults, enabled);
        assertEquals(List.of(5443, 5453), applied.service("k-indexer").database().replicas().ports());
        assertEquals(2, applied.service("k-indexer").database().replicaCount());
        ProfileValidator.validate(applied);

        k.replicaCountProperty().set("6");
        assertEquals("count must be between 0 and 5", k.replicasErrorProperty().get());
        assertEquals("K social indexer read replicas: count must be between 0 and 5", vm.problemProperty().get());
        k.replicaCountProperty().set("1");
        k.replicaPortsProperty().set("5443, x");
        assertEquals("ports must be whole numbers separated by commas", k.replicasErrorProperty().get());
        k.replicaPortsProperty().set("6433");
        assertEquals("replica 1: port 6433 is already used by K social indexer pooler", k.replicasErrorProperty().get());
        busy.add(5999);
        k.replicaPortsProperty().set("5999");
        assertTrue(k.replicasErrorProperty().get().startsWith("replica 1: port 5999 is in use on this machine"), k.replicasErrorProperty().get());
        k.replicaPortsProperty().set("5999 5998");
        k.replicaCountProperty().set("0");
        assertEquals("", k.replicasErrorProperty().get(), "ports kept for later are not checked");
        assertTrue(vm.validProperty().get());
        assertEquals(List.of(5999, 5998), vm.applyTo(defaults, enabled).service("k-indexer").database().replicas().ports());
    }
}
