package org.kaspa.aio.ops;

import org.kaspa.aio.engine.ContainerFile;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.health.DatabaseTarget;
import org.kaspa.aio.health.PortAccess;
import org.kaspa.aio.profile.ScramVerifier;
import org.kaspa.aio.provision.PoolerComponents;
import org.kaspa.aio.health.LoginCheck;
import org.kaspa.aio.progress.ProgressEvent;
import org.kaspa.aio.progress.ProgressListener;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.InvalidInputException;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.ProfileValidator;
import org.kaspa.aio.profile.Secrets;
import org.kaspa.aio.provision.DatabaseComponents;

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
            try {
                store.write(secrets.withPending(serviceId, newPassword));
            } catch (Exception e) {
                throw new RotationException("cannot record the new password in secrets.json, nothing was changed: " + describe(e));
            }
            progress.on(ProgressEvent.of(db.container(), ProgressEvent.Phase.WORKING, "new password recorded as pending, changing it"));
            setVerifier(session, db.user(), ScramVerifier.of(secrets, serviceId, newPassword));
            progress.on(ProgressEvent.of(db.container(), ProgressEvent.Phase.WORKING, "password changed in the database, verifying"));
            boolean fileUpdated = false;
            boolean poolerUpdated = false;
            try {
                try (Connection check = connect(target, newPassword)) {
                    check.isValid(5);
                }
                expectRefused(target, oldPassword);
                if (db.pooled()) {
                    progress.on(ProgressEvent.of(db.poolerContainer(), ProgressEvent.Phase.WORKING, "giving the pooler the new verifier"));
                    syncPooler(profile, db, secrets, serviceId, newPassword);
                    poolerUpdated = true;
                    DatabaseTarget pooled = poolerTarget(profile, serviceId);
                    loginOnceReloaded(pooled, newPassword);
                    expectRefused(pooled, oldPassword);
                }
                copyPasswordFile(containerId, newPassword);
                fileUpdated = true;
                Secrets updated = secrets.with(serviceId, newPassword).withoutPending(serviceId);
                store.write(updated);
                return updated;
            } catch (Exception e) {
                undo(target, db.user(), ScramVerifier.of(secrets, serviceId, oldPassword), newPassword, session);
                if (fileUpdated) {
                    copyPasswordFile(containerId, oldPassword);
                }
                if (poolerUpdated) {
                    syncPooler(profile, db, secrets, serviceId, oldPassword);
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
    private static void undo(DatabaseTarget target, String user, String oldVerifier, String newPassword, Connection session)
            throws SQLException {
        try (Connection fresh = connect(target, newPassword)) {
            setVerifier(fresh, user, oldVerifier);
        } catch (SQLException freshFailed) {
            setVerifier(session, user, oldVerifier);
        }
    }

    /** ALTER ROLE with a verifier computed here: the server never sees the password, nor logs it. */
    private static void setVerifier(Connection c, String user, String verifier) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute(alterRoleSql(user, verifier));
        }
    }

    static String alterRoleSql(String user, String verifier) {
        return "ALTER USER \"" + user.replace("\"", "\"\"") + "\" PASSWORD '" + verifier.replace("'", "''") + "'";
    }

    /** The pooler's auth file with the verifier of {@code password}, re-read by PgBouncer (SIGHUP). */
    private void syncPooler(Profile profile, DatabaseProfile db, Secrets secrets, String serviceId, String password) {
        String pooler = engine.findContainer(db.poolerContainer()).filter(c -> c.running()).map(c -> c.id()).orElseThrow(() ->
                new RotationException(db.poolerContainer() + " is not running; run apply first"));
        engine.copyFiles(pooler, List.of(PoolerComponents.authFile(profile, secrets, serviceId, password)));
        String failure = PoolerComponents.reload(engine, pooler);
        if (failure != null) {
            throw new RotationException("reloading " + db.poolerContainer() + " failed: " + failure);
        }
    }

    /** PgBouncer re-reads its auth file a moment after SIGHUP: the new password is given a few seconds to log in. */
    private static void loginOnceReloaded(DatabaseTarget pooler, String password) throws SQLException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Connection check = connect(pooler, password)) {
                check.isValid(5);
                return;
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
            }
        }
    }

    private DatabaseTarget poolerTarget(Profile profile, String serviceId) {
        DatabaseProfile db = profile.service(serviceId).database();
        return DatabaseTarget.poolerOf(serviceId, db, profile.bindAddress(), ports);
    }

    /**
     * Makes the verifier the database holds the one computed with the stored salt, when the stored password
     * logs in and the verifier differs (the image set it from the password file with a salt of its own):
     * what lets the pooler pass SCRAM through. Nothing changes when the stored password does not log in.
     */
    public boolean alignVerifier(Profile profile, Secrets secrets, String serviceId) {
        DatabaseProfile db = profile.service(serviceId).database();
        String password = secrets.password(serviceId).orElseThrow();
        String expected = ScramVerifier.of(secrets, serviceId, password);
        String containerId = engine.findContainer(db.container()).filter(c -> c.running()).map(c -> c.id()).orElse(null);
        if (containerId == null) {
            return false;
        }
        var current = engine.exec(containerId, List.of("psql", "-U", db.user(), "-d", db.name(), "-AtX", "-c",
                "select rolpassword from pg_authid where rolname = current_user"));
        if (current.exitCode() == 0 && current.stdout().strip().equals(expected)) {
            return false;
        }
        DatabaseTarget target = DatabaseTarget.of(serviceId, db, profile.bindAddress(), ports);
        try (Connection c = connect(target, password)) {
            setVerifier(c, db.user(), expected);
            return true;
        } catch (SQLException refusedOrDown) {
            return false; // apply's login verification reports a refused password with the way back in
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
        String sql = alterRoleSql(db.user(), ScramVerifier.of(secrets, serviceId, password));
        var r = engine.exec(containerId, List.of("psql", "-U", db.user(), "-d", db.name(), "-v", "ON_ERROR_STOP=1", "-qc", sql));
        if (r.exitCode() != 0) {
            throw new RotationException("resetting the password of " + db.user() + " in " + db.container()
                    + " through its local socket failed: " + r.stderr().strip().lines().findFirst().orElse("exit " + r.exitCode()));
        }
        copyPasswordFile(containerId, password);
        if (db.pooled() && engine.findContainer(db.poolerContainer()).filter(c -> c.running()).isPresent()) {
            syncPooler(profile, db, secrets, serviceId, password);
        }
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
            // PgBouncer refuses a wrong SCRAM proof as a protocol violation: 08P01 "SASL authentication failed"
            boolean poolerRefusal = "08P01".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("authentication failed");
            if (!INVALID_PASSWORD.equals(e.getSQLState()) && !poolerRefusal) {
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
