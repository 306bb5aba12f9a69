package org.kaspa.aio.ops;

import org.kaspa.aio.profile.HostAddress;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code postgresql://user:password@host:port/db} with user and password percent-encoded, so passwords
 * with '@', ':', '/', quotes or spaces survive any libpq or pgjdbc parser.
 */
public final class ConnectionString {
    public static final String MASK = "••••••••";

    private ConnectionString() {
    }

    public static String of(String user, String password, String host, int port, String database) {
        return "postgresql://" + encode(user) + ":" + (password.equals(MASK) ? MASK : encode(password)) + "@" + HostAddress.forUrl(host) + ":" + port + "/" + encode(database);
    }

    static String encode(String s) {
        // URLEncoder is for forms ('+' for space); URIs need %20
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
