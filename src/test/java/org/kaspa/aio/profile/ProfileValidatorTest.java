package org.kaspa.aio.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kaspa.aio.catalog.ServiceCatalog;

import static org.junit.jupiter.api.Assertions.*;

class ProfileValidatorTest {
    private final Profile defaults = Profile.defaults(ServiceCatalog.load());

    private Profile withK(DatabaseProfile db) {
        return defaults.withService("k-indexer", defaults.service("k-indexer").withDatabase(db));
    }

    private DatabaseProfile k() {
        return defaults.service("k-indexer").database();
    }

    private String rule(Profile p) {
        return assertThrows(InvalidInputException.class, () -> ProfileValidator.validate(p)).getMessage();
    }

    @Test
    void defaultsAreValid() {
        assertDoesNotThrow(() -> ProfileValidator.validate(defaults));
    }

    @Test
    void portBounds() {
        assertDoesNotThrow(() -> ProfileValidator.validate(withK(k().withPort(1024))));
        assertDoesNotThrow(() -> ProfileValidator.validate(withK(k().withPort(65535))));
        assertEquals("profile.json: services.k-indexer.database.port: must be between 1024 and 65535 (got 1023)", rule(withK(k().withPort(1023))));
        assertTrue(rule(withK(k().withPort(65536))).contains("(got 65536)"));
    }

    @Test
    void duplicatePortsOnlyAmongEnabledServices() {
        Profile dup = withK(k().withPort(5434));
        assertTrue(rule(dup).startsWith("profile.json: services.simply-kaspa-indexer.database.port: port 5434 is already used by services.k-indexer.database.port"));
        Profile disabled = dup.withService("k-indexer", dup.service("k-indexer").withEnabled(false));
        assertDoesNotThrow(() -> ProfileValidator.validate(disabled));
    }

    @Test
    void poolerPortsShareTheDatabasesSpaceAndItsModesAreNamed() {
        assertEquals("profile.json: services.simply-kaspa-indexer.database.port: port 5434 is already used by services.k-indexer.database.pooler.port",
                rule(withK(k().withPooler(k().pooler().withPort(5434)))));
        assertEquals("profile.json: services.k-indexer.database.pooler.poolMode: must be one of session, transaction, statement (got 'tx')",
                rule(withK(k().withPooler(k().pooler().withPoolMode("tx")))));
        assertDoesNotThrow(() -> ProfileValidator.validate(withK(k().withPooler(k().pooler().withEnabled(false).withPort(5434)))),
                "a pooler that is off holds no port");
    }

    @Test
    void backupsRulesNameTheFieldAndTheRule() {
        BackupsProfile b = k().backups();
        assertEquals("profile.json: services.k-indexer.database.backups.schedule: must have five fields: minute hour day-of-month month day-of-week (got 4)",
                rule(withK(k().withBackups(new BackupsProfile(true, "0 3 * *", 7, true, b.volume())))));
        assertEquals("profile.json: services.k-indexer.database.backups.keepBase: must be between 1 and 100 (got 0)",
                rule(withK(k().withBackups(new BackupsProfile(true, b.schedule(), 0, true, b.volume())))));
        assertTrue(rule(withK(k().withBackups(new BackupsProfile(true, b.schedule(), 7, true, "simply-kaspa-db-data"))))
                .contains("volume 'simply-kaspa-db-data' is already used by services.k-indexer.database.backups.volume"),
                "the backups cannot share a database's volume");
    }

    @ParameterizedTest
    @ValueSource(strings = {"KSocial", "1db", "k-social", "k social", "db\"x", "", "a234567890123456789012345678901234567890123456789012345678901234"})
    void databaseNamesPostgresWouldRejectOrNeedQuoting(String name) {
        DatabaseProfile d = new DatabaseProfile(k().container(), k().image(), name, k().user(), k().port(), k().volume());
        assertTrue(rule(withK(d)).contains("services.k-indexer.database.name: database name must be a PostgreSQL identifier"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg_monitor", "public", "none"})
    void reservedRoleNames(String user) {
        DatabaseProfile d = new DatabaseProfile(k().container(), k().image(), k().name(), user, k().port(), k().volume());
        assertTrue(rule(withK(d)).contains("is reserved by PostgreSQL"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "192.168.1.20", "::1", "::", "fe80::1"})
    void ipLiterals(String ip) {
        assertTrue(ProfileValidator.isIpLiteral(ip));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "256.1.1.1", "1.2.3", "", "example.com", "::g"})
    void notIpLiterals(String ip) {
        assertFalse(ProfileValidator.isIpLiteral(ip));
    }

    @ParameterizedTest
    @ValueSource(strings = {"timescale/timescaledb:latest-pg16", "postgres", "127.0.0.1:5000/kaspa-aio/postgres:15-abc", "ghcr.io/a/b@sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void imageReferencesAccepted(String image) {
        assertDoesNotThrow(() -> ProfileValidator.validate(withK(k().withImage(image))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Timescale/DB", "a b", "", "repo:", ":tag"})
    void imageReferencesRejected(String image) {
        assertTrue(rule(withK(k().withImage(image))).contains("services.k-indexer.database.image: must be a Docker image reference"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"with'quote-123456", "with\"quote-123456", "dollar$sign-12345", "at@sign-123456789", "colon:sign-123456", "slash/sign-123456", "has space 12345678", "p'a\"s$s@w:o/r d-1"})
    void passwordsWithCharactersThatNeedEscapingAreAccepted(String pw) {
        assertNull(ProfileValidator.passwordProblem(pw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "new\nline-123456", "tab\tinside-123456", " leading-space-12", "trailing-space-12 "})
    void passwordsRejected(String pw) {
        assertNotNull(ProfileValidator.passwordProblem(pw));
    }

    @Test
    void generatedPasswordsPassTheRule() {
        PasswordGenerator g = new PasswordGenerator();
        for (int i = 0; i < 200; i++) {
            String pw = g.next();
            assertNull(ProfileValidator.passwordProblem(pw));
            assertEquals(32, pw.length());
        }
    }
}
