package org.kaspa.aio.health;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginProofsTest {
    @TempDir
    Path home;

    @Test
    void aProofBindsTheContainerAndThePasswordAndHoldsNeither() {
        String proof = LoginProofs.digest("c0ffee", "s3cret-password");
        assertEquals(proof, LoginProofs.digest("c0ffee", "s3cret-password"));
        assertNotEquals(proof, LoginProofs.digest("c0ffef", "s3cret-password"), "another container");
        assertNotEquals(proof, LoginProofs.digest("c0ffee", "s3cret-passwore"), "another password");
        // the boundary between the two is part of what is hashed
        assertNotEquals(LoginProofs.digest("ab", "c"), LoginProofs.digest("a", "bc"));
        assertTrue(proof.matches("[0-9a-f]{64}"), proof);
        assertFalse(proof.contains("s3cret"));
    }

    @Test
    void proofsAreRememberedOwnerOnlyAndForgottenByService() throws Exception {
        LoginProofs proofs = new LoginProofs(home.resolve("login-proofs"));
        assertEquals(Map.of(), proofs.read(), "no file: no proofs");
        String k = LoginProofs.digest("k", "pw1");
        String s = LoginProofs.digest("s", "pw2");
        proofs.remember(Map.of("k-indexer", k, "simply-kaspa-indexer", s));
        assertEquals(Map.of("k-indexer", k, "simply-kaspa-indexer", s), proofs.read());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("login-proofs"))));

        String k2 = LoginProofs.digest("k2", "pw1");
        proofs.remember(Map.of("k-indexer", k2));
        assertEquals(Map.of("k-indexer", k2, "simply-kaspa-indexer", s), proofs.read());
        proofs.forget(List.of("simply-kaspa-indexer", "kasia-indexer"));
        assertEquals(Map.of("k-indexer", k2), proofs.read());
    }

    @Test
    void anOddFileCountsAsNoProofs() throws Exception {
        Path file = home.resolve("login-proofs");
        Files.writeString(file, "k-indexer=not-a-digest\n=" + "a".repeat(64) + "\nsimply-kaspa-indexer\n");
        assertEquals(Map.of(), new LoginProofs(file).read());
        Files.createDirectories(home.resolve("a-directory"));
        assertEquals(Map.of(), new LoginProofs(home.resolve("a-directory")).read());
    }
}
