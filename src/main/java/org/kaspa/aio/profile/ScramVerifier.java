package org.kaspa.aio.profile;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password ({@code SCRAM-SHA-256$4096:salt$StoredKey:ServerKey}),
 * computed here with the service's stored salt (pgjdbc's PasswordUtil): the database gets it through ALTER
 * ROLE and its PgBouncer in its auth file, so both hold the same one and PgBouncer can pass a client's SCRAM
 * proof through to the server; the password itself goes to neither.
 */
public final class ScramVerifier {
    public static final int ITERATIONS = 4096;

    private ScramVerifier() {
    }

    public static String of(String password, String saltBase64) {
        return org.postgresql.util.PasswordUtil.encodeScramSha256(password.toCharArray(), ITERATIONS,
                java.util.Base64.getDecoder().decode(saltBase64));
    }

    /** The service's verifier for its stored (or a given) password, with its stored salt. */
    public static String of(Secrets secrets, String serviceId, String password) {
        return of(password, secrets.scramSalt(serviceId).orElseThrow(() ->
                new InvalidInputException("secrets.json", serviceId + ".scramSalt", "is missing (run 'init')")));
    }
}
