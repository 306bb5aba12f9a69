package org.kaspa.aio.health;

import org.kaspa.aio.profile.HostAddress;

/**
 * How this machine reaches the ports containers publish. Every check that talks to a database (readiness,
 * logins, rotation, schema, status) asks here for its {@link Endpoint} instead of assuming the engine is
 * on this machine.
 */
public interface PortAccess extends AutoCloseable {
    /** An engine on this machine: a port published on an address is dialled there (a wildcard on loopback). */
    PortAccess LOCAL = new PortAccess() {
        @Override
        public Endpoint reach(String relay, String container, int containerPort, String bindAddress, int hostPort) {
            return Endpoint.direct(HostAddress.dialable(bindAddress), hostPort);
        }

        @Override
        public String publishedHost(String bindAddress) {
            return HostAddress.dialable(bindAddress);
        }

        @Override
        public boolean hostPortsHere() {
            return true;
        }

        @Override
        public void close() {
        }
    };

    /**
     * Where to dial {@code container}'s {@code containerPort}, published on {@code bindAddress:hostPort};
     * {@code relay} is a container of ours whose image has bash (a database's), should the way be through
     * the engine (a pooler's image need not have it).
     */
    Endpoint reach(String relay, String container, int containerPort, String bindAddress, int hostPort);

    /** {@link #reach} for a container that relays for itself (a database). */
    default Endpoint reach(String container, int containerPort, String bindAddress, int hostPort) {
        return reach(container, container, containerPort, bindAddress, hostPort);
    }

    /**
     * The host a client on the engine's machine, or anywhere it is reachable from, puts in a connection
     * string for a port published on {@code bindAddress}; no tunnel is opened for this.
     */
    String publishedHost(String bindAddress);

    /** Whether the engine binds published ports on this machine, so that whether one is free can be tried here. */
    boolean hostPortsHere();

    @Override
    void close();
}
