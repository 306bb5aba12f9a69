package org.kaspa.aio.ops;

import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.health.DatabaseTarget;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.InvalidInputException;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.ProfileValidator;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.provision.DatabaseComponents;
import org.postgresql.PGConnection;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Changes a database user's password on an existing volume. The image reads POSTGRES_PASSWORD(_FILE)
 * only on first init, so the change is made inside the running database: ALTER ROLE with a SCRAM
 * verifier computed here (the plaintext never reaches the server or its logs), then the new password
 * must log in over TCP and the old one must be refused, then the container's password file is updated
 * (a later recreate stays consistent) and only then the secret is stored. Any failure puts the old
 * password back, so the old password keeps working and secrets.json is unchanged.
 */
public final class PasswordRotation {
    private static final String INVALID_PASSWORD = "28P01";

    /** Where the new secret is stored; called last. */
    @FunctionalInterface
    public interface SecretsWriter {
        void write(Secrets secrets) throws Exception;
    }

    private final DockerEngine engine;

    public PasswordRotation(DockerEngine engine) {
        this.engine = engine;
    }

    public Secrets rotate(Profile profile, Secrets secrets, String serviceId, String newPassword, SecretsWriter store) {
        if (!profile.services().containsKey(serviceId) || profile.service(serviceId).database() == null) {
            throw new InvalidInputException("rotate-password", "service", "'" + serviceId + "' has no database (choose one of "
                    + String.join(", ", profile.enabledDatabases().keySet()) + ")");
        }
        String problem = ProfileValidator.passwordProblem(newPassword);
        if (problem != null) {
            throw new InvalidInputException("rotate-password", "new password", problem);
        }
        DatabaseProfile db = profile.service(serviceId).database();
        DatabaseTarget target = DatabaseTarget.of(serviceId, db, profile.bindAddress());
        String oldPassword = secrets.password(serviceId).orElseThrow(() ->
                new InvalidInputException("secrets.json", serviceId + ".password", "is missing"));
        if (oldPassword.equals(newPassword)) {
            throw new InvalidInputException("rotate-password", "new password", "is the current password");
        }
        String containerId = engine.findContainer(db.container()).map(c -> c.id()).orElseThrow(() ->
                new RotationException(db.container() + " does not exist; run apply first. Nothing was changed"));
        try (Connection session = connect(target, oldPassword)) {
            PGConnection pg = session.unwrap(PGConnection.class);
            pg.alterUserPassword(db.user(), newPassword.toCharArray(), "scram-sha-256");
            boolean fileUpdated = false;
            try {
                try (Connection check = connect(target, newPassword)) {
                    check.isValid(5);
                }
                expectRefused(target, oldPassword);
                copyPasswordFile(containerId, newPassword);
                fileUpdated = true;
                Secrets updated = secrets.with(serviceId, newPassword);
                store.write(updated);
                return updated;
            } catch (Exception e) {
                pg.alterUserPassword(db.user(), oldPassword.toCharArray(), "scram-sha-256");
                if (fileUpdated) {
                    copyPasswordFile(containerId, oldPassword);
                }
                throw new RotationException("password change of " + db.user() + " in " + db.container()
                        + " failed and was undone (the old password still works, secrets.json is unchanged): " + describe(e));
            }
        } catch (SQLException e) {
            throw new RotationException("cannot log in to " + db.container() + " on " + target.host() + ":" + target.port()
                    + " with the stored password, nothing was changed: " + describe(e));
        }
    }

    private void copyPasswordFile(String containerId, String password) {
        engine.copyFiles(containerId, List.of(new ContainerFile(DatabaseComponents.PASSWORD_FILE,
                password.getBytes(StandardCharsets.UTF_8), 0444, true)));
    }

    private static void expectRefused(DatabaseTarget t, String password) throws SQLException {
        try (Connection c = connect(t, password)) {
            throw new SQLException("the old password still logs in after ALTER ROLE");
        } catch (SQLException e) {
            if (!INVALID_PASSWORD.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static Connection connect(DatabaseTarget t, String password) throws SQLException {
        return t.connect(password, "kaspa-aio", 10, 0);
    }

    /** One line, never the password (pgjdbc messages do not carry it). */
    private static String describe(Exception e) {
        String state = e instanceof SQLException s && s.getSQLState() != null ? "SQLSTATE " + s.getSQLState() + ": " : "";
        return state + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    /** A rotation that failed; the message says what state things were left in. */
    public static final class RotationException extends org.kaspa.aio.errors.UserFacingException {
        public RotationException(String message) {
            super(message);
        }
    }
}
