package org.kaspa.aio.ops;

import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.health.DatabaseTarget;
import org.kaspa.aio.health.PortAccess;
import org.kaspa.aio.health.LoginCheck;
import org.kaspa.aio.progress.ProgressEvent;
import org.kaspa.aio.progress.ProgressListener;
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
    private final PortAccess ports;

    /** {@code ports}: how this machine reaches the database, whose logins prove each step. */
    public PasswordRotation(DockerEngine engine, PortAccess ports) {
        this.engine = engine;
        this.ports = ports;
    }

    public Secrets rotate(Profile profile, Secrets secrets, String serviceId, String newPassword, SecretsWriter store) {
        return rotate(profile, secrets, serviceId, newPassword, store, ProgressListener.SILENT);
    }

    /**
     * The new password is stored as {@code pending} before ALTER ROLE, so a crash at any later point
     * leaves a password that works in secrets.json: the stored one, or the pending one that
     * {@link #reconcile} promotes on the next command.
     */
    public Secrets rotate(Profile profile, Secrets secrets, String serviceId, String newPassword, SecretsWriter store,
                          ProgressListener progress) {
        if (!profile.services().containsKey(serviceId) || profile.service(serviceId).database() == null) {
            throw new InvalidInputException("rotate-password", "service", "'" + serviceId + "' has no database (choose one of "
                    + String.join(", ", profile.enabledDatabases().keySet()) + ")");
        }
        String problem = ProfileValidator.passwordProblem(newPassword);
        if (problem != null) {
            throw new InvalidInputException("rotate-password", "new password", problem);
        }
        DatabaseProfile db = profile.service(serviceId).database();
        DatabaseTarget target = DatabaseTarget.of(serviceId, db, profile.bindAddress(), ports);
        String oldPassword = secrets.password(serviceId).orElseThrow(() ->
                new InvalidInputException("secrets.json", serviceId + ".password", "is missing"));
        if (oldPassword.equals(newPassword)) {
            throw new InvalidInputException("rotate-password", "new password", "is the current password");
        }
        String containerId = engine.findContainer(db.container()).map(c -> c.id()).orElseThrow(() ->
                new RotationException(db.container() + " does not exist; run apply first. Nothing was changed"));
        try (Connection session = connect(target, oldPassword)) {
            PGConnection pg = session.unwrap(PGConnection.class);
            try {
                store.write(secrets.withPending(serviceId, newPassword));
            } catch (Exception e) {
                throw new RotationException("cannot record the new password in secrets.json, nothing was changed: " + describe(e));
            }
            progress.on(ProgressEvent.of(db.container(), ProgressEvent.Phase.WORKING, "new password recorded as pending, changing it"));
            pg.alterUserPassword(db.user(), newPassword.toCharArray(), "scram-sha-256");
            progress.on(ProgressEvent.of(db.container(), ProgressEvent.Phase.WORKING, "password changed in the database, verifying"));
            boolean fileUpdated = false;
            try {
                try (Connection check = connect(target, newPassword)) {
                    check.isValid(5);
                }
                expectRefused(target, oldPassword);
                copyPasswordFile(containerId, newPassword);
                fileUpdated = true;
                Secrets updated = secrets.with(serviceId, newPassword).withoutPending(serviceId);
                store.write(updated);
                return updated;
            } catch (Exception e) {
                undo(target, db.user(), oldPassword, newPassword, pg);
                if (fileUpdated) {
                    copyPasswordFile(containerId, oldPassword);
                }
                try {
                    store.write(secrets.withoutPending(serviceId));
                } catch (Exception ignored) {
                    // the pending entry is reconciled by the next command: the old password works again
                }
                throw new RotationException("password change of " + db.user() + " in " + db.container()
                        + " failed and was undone (the old password still works, secrets.json is unchanged): " + describe(e));
            }
        } catch (SQLException e) {
            throw new RotationException("cannot log in to " + db.container() + " on " + target.endpoint().describe()
                    + " with the stored password, nothing was changed: " + describe(e));
        }
    }

    /**
     * Puts the old password back over a fresh connection (the rotation's own session may be what broke),
     * logging in with the new password that is in force now; the old session is the fallback.
     */
    private static void undo(DatabaseTarget target, String user, String oldPassword, String newPassword, PGConnection session)
            throws SQLException {
        try (Connection fresh = connect(target, newPassword)) {
            fresh.unwrap(PGConnection.class).alterUserPassword(user, oldPassword.toCharArray(), "scram-sha-256");
        } catch (SQLException freshFailed) {
            session.alterUserPassword(user, oldPassword.toCharArray(), "scram-sha-256");
        }
    }

    /**
     * After a rotation that did not finish (a crash, a closed window): whichever of the stored and the
     * pending password logs in becomes the stored one. Unchanged when the database does not answer.
     */
    public static Secrets reconcile(Profile profile, Secrets secrets, PortAccess ports) {
        Secrets out = secrets;
        for (String id : secrets.pendingMap().keySet()) {
            var service = profile.services().get(id);
            if (service == null || service.database() == null) {
                out = out.withoutPending(id);
                continue;
            }
            DatabaseTarget target = DatabaseTarget.of(id, service.database(), profile.bindAddress(), ports);
            String pending = secrets.pending(id).orElseThrow();
            if (secrets.password(id).map(pw -> LoginCheck.check(target, pw) == LoginCheck.Result.OK).orElse(false)) {
                out = out.withoutPending(id);
            } else if (LoginCheck.check(target, pending) == LoginCheck.Result.OK) {
                out = out.with(id, pending).withoutPending(id);
            }
        }
        return out;
    }

    /**
     * Sets the stored password inside the database through the container's local socket, which the
     * postgres image trusts (the design's {@code docker exec … psql} relies on it): the way back in when
     * secrets.json no longer matches the data. The SQL carries a SCRAM verifier, never the password.
     */
    public void reset(Profile profile, Secrets secrets, String serviceId) {
        DatabaseProfile db = profile.service(serviceId).database();
        String password = secrets.password(serviceId).orElseThrow(() ->
                new InvalidInputException("secrets.json", serviceId + ".password", "is missing"));
        String containerId = engine.findContainer(db.container()).filter(c -> c.running()).map(c -> c.id()).orElseThrow(() ->
                new RotationException(db.container() + " is not running; run apply first. Nothing was changed"));
        String sql;
        try {
            sql = org.postgresql.util.PasswordUtil.genAlterUserPasswordSQL(db.user(), password.toCharArray(), "scram-sha-256");
        } catch (SQLException e) {
            throw new RotationException("cannot compute the password verifier: " + describe(e));
        }
        var r = engine.exec(containerId, List.of("psql", "-U", db.user(), "-d", db.name(), "-v", "ON_ERROR_STOP=1", "-qc", sql));
        if (r.exitCode() != 0) {
            throw new RotationException("resetting the password of " + db.user() + " in " + db.container()
                    + " through its local socket failed: " + r.stderr().strip().lines().findFirst().orElse("exit " + r.exitCode()));
        }
        copyPasswordFile(containerId, password);
        DatabaseTarget target = DatabaseTarget.of(serviceId, db, profile.bindAddress(), ports);
        if (LoginCheck.check(target, password) != LoginCheck.Result.OK) {
            throw new RotationException("the password of " + db.user() + " was reset in " + db.container()
                    + " but does not log in over TCP on " + target.endpoint().describe());
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
