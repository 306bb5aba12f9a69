package org.kaspa.aio.health;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Whether a password really logs in to a database over TCP: a server that accepts connections (pg_isready's
 * verdict) can still refuse the stored password, and an indexer locked out is as down as a stopped database.
 */
public final class LoginCheck {
    public enum Result {
        OK("ok"), REFUSED("refused"), UNREACHABLE("unreachable");

        private final String word;

        Result(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    private LoginCheck() {
    }

    public static Result check(DatabaseTarget target, String password) {
        try (Connection c = target.connect(password, "kaspa-aio login check", 10, 10)) {
            return Result.OK;
        } catch (SQLException e) {
            return isRefusal(e) ? Result.REFUSED : Result.UNREACHABLE;
        }
    }

    /** 28P01 wrong password; 28000 no such role or no pg_hba entry for it. */
    public static boolean isRefusal(SQLException e) {
        return "28P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState());
    }
}
