package org.kaspa.aio.profile;

import java.security.SecureRandom;
import java.util.Base64;

/** Database passwords: 192 bits from SecureRandom, base64url without padding (URL- and shell-safe). */
public final class PasswordGenerator {
    private static final int BYTES = 24;
    /**
     * Made at the first password or salt: every verb that reads the settings holds a generator in case a
     * secret is missing, and seeding one costs a cold CLI start ~4 ms that most runs never use.
     */
    private SecureRandom random;

    public String next() {
        byte[] bytes = new byte[BYTES];
        random().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A SCRAM salt: 16 bytes from SecureRandom, standard base64 (PostgreSQL's own verifiers use 16). */
    public String salt() {
        byte[] b = new byte[16];
        random().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private synchronized SecureRandom random() {
        if (random == null) {
            random = new SecureRandom();
        }
        return random;
    }
}
