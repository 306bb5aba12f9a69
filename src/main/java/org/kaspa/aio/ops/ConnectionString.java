package org.kaspa.aio.ops;

import org.kaspa.aio.profile.HostAddress;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

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

    /**
     * A libpq multi-host URI ({@code postgresql://u:p@h1:p1,h2:p2/db?target_session_attrs=…}): libpq tries the
     * hosts in order and keeps the first whose session matches.
     */
    public static String multiHost(String user, String password, List<String> hostPorts, String database, String targetSessionAttrs) {
        return "postgresql://" + encode(user) + ":" + (password.equals(MASK) ? MASK : encode(password)) + "@" + String.join(",", hostPorts)
                + "/" + encode(database) + "?target_session_attrs=" + targetSessionAttrs;
    }

    /** The pgjdbc form: {@code jdbc:postgresql://h1:p1,h2:p2/db?user=…&password=…&targetServerType=…}. */
    public static String jdbcMultiHost(String user, String password, List<String> hostPorts, String database, String targetServerType) {
        return "jdbc:postgresql://" + String.join(",", hostPorts) + "/" + encode(database) + "?user=" + encode(user)
                + "&password=" + (password.equals(MASK) ? MASK : encode(password)) + "&targetServerType=" + targetServerType
                + (targetServerType.equals("primary") ? "" : "&loadBalanceHosts=true");
    }

    /** {@code host:port}, an IPv6 literal bracketed. */
    public static String hostPort(String host, int port) {
        return HostAddress.forUrl(host) + ":" + port;
    }

    static String encode(String s) {
        // URLEncoder is for forms ('+' for space); URIs need %20
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
