package org.kaspa.aio.profile;

/**
 * The one place for the two host rules everything that dials a published port needs: which address to
 * dial for a bind address (a wildcard bind is reached on loopback), and how a host goes into a URL or a
 * {@code host:port} pair (an IPv6 literal in brackets).
 */
public final class HostAddress {
    private HostAddress() {
    }

    /** The address to reach a port published on {@code bindAddress}: the address itself, or loopback for a wildcard. */
    public static String dialable(String bindAddress) {
        return switch (bindAddress) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]" -> "::1";
            default -> bindAddress;
        };
    }

    /** {@code host} as it goes before {@code :port} in a URL: IPv6 literals bracketed. */
    public static String forUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
