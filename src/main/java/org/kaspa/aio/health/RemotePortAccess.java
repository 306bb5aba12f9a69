package org.kaspa.aio.health;

import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.EngineTunnel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ports of an engine on another host: bound to one of its addresses, dialled there; bound to all of
 * them, dialled at the host the engine is reached by; bound to its loopback, which nothing here can
 * dial, reached through the engine ({@link EngineTunnel}, one per container port, opened on first use).
 */
public final class RemotePortAccess implements PortAccess {
    private final String engineHost;
    private final DockerEngine engine;
    private final Map<String, EngineTunnel> tunnels = new ConcurrentHashMap<>();

    public RemotePortAccess(String engineHost, DockerEngine engine) {
        this.engineHost = engineHost;
        this.engine = engine;
    }

    public static boolean isLoopback(String bindAddress) {
        return bindAddress.startsWith("127.") || bindAddress.equals("::1") || bindAddress.equals("[::1]") || bindAddress.equals("localhost");
    }

    private static boolean isWildcard(String bindAddress) {
        return bindAddress.equals("0.0.0.0") || bindAddress.equals("::") || bindAddress.equals("[::]");
    }

    @Override
    public Endpoint reach(String relay, String container, int containerPort, String bindAddress, int hostPort) {
        if (isWildcard(bindAddress)) {
            return Endpoint.direct(engineHost, hostPort);
        }
        if (!isLoopback(bindAddress)) {
            return Endpoint.direct(bindAddress, hostPort);
        }
        // the container's name on the network, not its loopback: the server must see a network client (see EngineTunnel)
        EngineTunnel t = tunnels.computeIfAbsent(relay + ">" + container + ":" + containerPort,
                k -> EngineTunnel.open(engine, relay, container, containerPort));
        return new Endpoint(t.host(), t.port(), bindAddress, hostPort, true);
    }

    @Override
    public String publishedHost(String bindAddress) {
        return isWildcard(bindAddress) ? engineHost : bindAddress;
    }

    @Override
    public boolean hostPortsHere() {
        return false;
    }

    @Override
    public void close() {
        tunnels.values().forEach(EngineTunnel::close);
        tunnels.clear();
    }
}
