package org.kaspa.aio.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kaspa.aio.catalog.ServiceCatalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class SecretsStoreTest {
    private final SecretsStore store = new SecretsStore();

    @Test
    void writesOwnerOnlyAndReadsBack(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("secrets.json");
        Secrets s = new Secrets(Map.of("k-indexer", "abcdefghijklmnop"));
        store.write(f, s);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(s, store.read(f));
        // rewriting keeps 0600 even if someone loosened it meanwhile
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        store.write(f, s.with("simply-kaspa-indexer", "qrstuvwxyzabcdef"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aPendingPasswordRoundTripsOwnerOnly(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("secrets.json");
        Secrets s = new Secrets(Map.of("k-indexer", "abcdefghijklmnop")).withPending("k-indexer", "the-next-one-1234");
        store.write(f, s);
        assertEquals(s, store.read(f));
        assertEquals("the-next-one-1234", store.read(f).pending("k-indexer").orElseThrow());
        assertFalse(s.toString().contains("the-next-one"), s.toString());
        assertEquals(new Secrets(Map.of("k-indexer", "abcdefghijklmnop")), store.read(f).withoutPending("k-indexer"));
    }

    @Test
    void ownerOnlyWithoutPosixPermissionsIsAnAclOfTheOwnerAlone() throws Exception {
        var config = com.google.common.jimfs.Configuration.windows().toBuilder().setAttributeViews("basic", "owner", "acl").build();
        try (java.nio.file.FileSystem fs = com.google.common.jimfs.Jimfs.newFileSystem(config)) {
            Path f = fs.getPath("C:\\Users\\someone\\.kaspa-aio\\secrets.json");
            assertFalse(Files.getFileStore(fs.getPath("C:\\")).supportsFileAttributeView("posix"), "like NTFS: no POSIX permissions");
            Secrets s = new Secrets(Map.of("k-indexer", "abcdefghijklmnop"));
            store.write(f, s);
            var acl = Files.getFileAttributeView(f, java.nio.file.attribute.AclFileAttributeView.class).getAcl();
            assertEquals(1, acl.size(), acl.toString());
            assertEquals(Files.getOwner(f), acl.get(0).principal());
            assertEquals(java.nio.file.attribute.AclEntryType.ALLOW, acl.get(0).type());
            assertEquals(s, store.read(f));
        }
    }

    @Test
    void completesMissingPasswordsOnlyForDatabases() {
        Profile p = Profile.defaults(ServiceCatalog.load());
        Secrets s = SecretsStore.completeFor(p, new Secrets(Map.of("k-indexer", "keep-this-one-123")), new PasswordGenerator());
        assertEquals("keep-this-one-123", s.password("k-indexer").orElseThrow());
        assertTrue(s.password("simply-kaspa-indexer").isPresent());
        assertTrue(s.password("kasia-indexer").isEmpty());
    }

    @Test
    void passwordsAreRandomAndNeverInToString() {
        PasswordGenerator g = new PasswordGenerator();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(g.next()));
        }
        Secrets s = new Secrets(Map.of("k-indexer", "very-secret-value"));
        assertFalse(s.toString().contains("very-secret-value"));
    }

    @Test
    void malformedSecretsDoNotEchoContent(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("secrets.json");
        Files.writeString(f, "{ \"k-indexer\": { \"password\": \"hunter2-secret\" ");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> store.read(f));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        Files.writeString(f, "{ \"k-indexer\": { \"pasword\": \"hunter2-secret\" } }");
        assertEquals("secrets.json: k-indexer.pasword: unknown key (allowed: password, pending, scramSalt, replicationPassword, monitorPassword)", assertThrows(InvalidInputException.class, () -> store.read(f)).getMessage());
    }
}
