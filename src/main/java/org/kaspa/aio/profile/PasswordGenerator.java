package org.kaspa.aio.profile;

import java.security.SecureRandom;
import java.util.Base64;

/** Database passwords: 192 bits from SecureRandom, base64url without padding (URL- and shell-safe). */
public final class PasswordGenerator {
    private static final int BYTES = 24;
    private final SecureRandom random = new SecureRandom();

    public String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A SCRAM salt: 16 bytes from SecureRandom, standard base64 (PostgreSQL's own verifiers use 16). */
    public String salt() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return java.util.Base64.getEncoder().encodeToString(b);
    }
}
