package org.kaspa.aio.health;

import org.kaspa.aio.profile.AtomicFileWriter;
import org.kaspa.aio.profile.SecretsStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which databases took their stored password at apply's last real login, so that a no-change apply need not
 * log in again (a cold JVM's first pgjdbc login with SCRAM costs more CPU than the rest of such an apply on a
 * 2-core machine). A proof names the container that answered and the password it took, as one SHA-256 digest
 * of both: the password itself stays in secrets.json only. It stands while the same container runs and
 * secrets.json holds the same password with no rotation under way; a new container (recreated, or on a
 * restored or swapped volume), another password or a pending rotation make apply ask the database again.
 * What a proof cannot see is a password changed inside the database behind kaspa-aio's back: status still
 * logs in every time, and a refusal it meets withdraws the proof, so the next apply asks again and says so.
 * <p>
 * File {@code login-proofs} in the home: {@code <service>=<hex digest>} lines, mode 0600, written atomically.
 * An unreadable or odd file counts as no proofs: apply then logs in, as it would without one.
 */
public final class LoginProofs {
    private final Path file;

    public LoginProofs(Path file) {
        this.file = file;
    }

    /** The proof that the container {@code containerId} took {@code password}. */
    public static String digest(String containerId, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("kaspa-aio login proof\0".getBytes(StandardCharsets.UTF_8));
            sha.update(containerId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The proofs on file, by service. */
    public Map<String, String> read() {
        Map<String, String> out = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0 && line.length() - eq - 1 == 64) {
                    out.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (NoSuchFileException none) {
            // no apply has proved a login yet
        } catch (IOException | RuntimeException unreadable) {
            return new TreeMap<>();
        }
        return out;
    }

    /** Adds or replaces these services' proofs; the file is written only where that changes it. */
    public void remember(Map<String, String> digestsByService) throws IOException {
        Map<String, String> proofs = read();
        Map<String, String> before = Map.copyOf(proofs);
        proofs.putAll(digestsByService);
        if (!proofs.equals(before)) {
            write(proofs);
        }
    }

    /** Withdraws these services' proofs: their next apply logs in. */
    public void forget(Collection<String> services) throws IOException {
        Map<String, String> proofs = read();
        if (proofs.keySet().removeAll(services)) {
            write(proofs);
        }
    }

    private void write(Map<String, String> proofs) throws IOException {
        StringBuilder text = new StringBuilder();
        proofs.forEach((service, digest) -> text.append(service).append('=').append(digest).append('\n'));
        AtomicFileWriter.write(file, text.toString().getBytes(StandardCharsets.UTF_8), SecretsStore.OWNER_ONLY);
    }
}
