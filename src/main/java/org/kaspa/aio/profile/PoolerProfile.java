package org.kaspa.aio.profile;

import java.util.List;

/**
 * A database's PgBouncer; field names are the profile.json keys. {@code poolMode} transaction (the
 * default) needs PgBouncer 1.21 or later, whose {@code max_prepared_statements} keeps the indexers'
 * prepared statements working across pooled server connections.
 */
public record PoolerProfile(boolean enabled, String image, int port, String poolMode, int maxClientConnections, int defaultPoolSize) {
    /** The port PgBouncer listens on inside its container; {@code port} is the host's. */
    public static final int CONTAINER_PORT = 6432;
    /** Its local socket's directory in the container, where the admin console trusts a process in the container. */
    public static final String SOCKET_DIR = "/tmp";
    public static final List<String> POOL_MODES = List.of("session", "transaction", "statement");
    public static final String DEFAULT_POOL_MODE = "transaction";
    public static final int DEFAULT_MAX_CLIENT_CONNECTIONS = 1000;
    public static final int DEFAULT_POOL_SIZE = 20;

    public PoolerProfile withEnabled(boolean on) {
        return new PoolerProfile(on, image, port, poolMode, maxClientConnections, defaultPoolSize);
    }

    public PoolerProfile withImage(String newImage) {
        return new PoolerProfile(enabled, newImage, port, poolMode, maxClientConnections, defaultPoolSize);
    }

    public PoolerProfile withPoolMode(String mode) {
        return new PoolerProfile(enabled, image, port, mode, maxClientConnections, defaultPoolSize);
    }

    public PoolerProfile withPort(int newPort) {
        return new PoolerProfile(enabled, image, newPort, poolMode, maxClientConnections, defaultPoolSize);
    }
}
