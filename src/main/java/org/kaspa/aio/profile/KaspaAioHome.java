package org.kaspa.aio.profile;

import java.nio.file.Path;
import java.util.Map;

/** Where profile.json, secrets.json and what kaspa-aio keeps beside them live: {@code KASPA_AIO_HOME}, else {@code ~/.kaspa-aio}. */
public record KaspaAioHome(Path dir) {

    public static KaspaAioHome fromEnvironment() {
        return from(System.getenv(), System.getProperty("user.home"));
    }

    static KaspaAioHome from(Map<String, String> env, String userHome) {
        String configured = env.get("KASPA_AIO_HOME");
        if (configured != null && !configured.isBlank()) {
            return new KaspaAioHome(Path.of(configured));
        }
        return new KaspaAioHome(Path.of(userHome, ".kaspa-aio"));
    }

    public Path profileFile() {
        return dir.resolve("profile.json");
    }

    public Path secretsFile() {
        return dir.resolve("secrets.json");
    }

    /** Which databases took their stored password at apply's last login (health.LoginProofs). */
    public Path loginProofsFile() {
        return dir.resolve("login-proofs");
    }
}
