package org.kaspa.aio.engine;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A port on this machine's loopback that reaches a port on the engine's {@code kaspa-aio} network
 * through the engine's API: each connection runs, inside {@code container}, a relay between the exec's
 * stdin/stdout and {@code targetHost:targetPort}. For a remote engine whose published ports are bound to
 * its own loopback, where nothing on this machine can dial them, the same checks (PostgreSQL startup
 * messages, JDBC logins) then run unchanged through the tunnel.
 *
 * <p>The relay is bash's {@code /dev/tcp}: bash is in every postgres image (its entrypoint is a bash
 * script), so no tool has to be added to the image. The target is the container's name on the network,
 * not 127.0.0.1, so the server sees a network client and applies the same pg_hba rule an indexer meets
 * (the official image trusts 127.0.0.1 without a password).
 */
public final class EngineTunnel implements Closeable {
    /**
     * Whichever side ends first ends the other. Stdin is kept on fd 4 because a background job of a
     * non-interactive shell reads /dev/null otherwise. The last {@code wait} matters: the postmaster is
     * the container's PID 1, so a relay process that outlived this shell would become its child, and a
     * child it does not know ending by a signal makes it restart every connection as after a crash.
     */
    static final String RELAY = "exec 4<&0; exec 3<>/dev/tcp/\"$1\"/\"$2\" || exit 7; "
            + "cat <&3 & r=$!; cat <&4 >&3 & w=$!; wait -n; kill $r $w 2>/dev/null; wait; exit 0";

    private final DockerEngine engine;
    private final String container;
    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private EngineTunnel(DockerEngine engine, String container, String targetHost, int targetPort) throws IOException {
        this.engine = engine;
        this.container = container;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread accept = new Thread(this::acceptLoop, "engine-tunnel " + container);
        accept.setDaemon(true);
        accept.start();
    }

    /** Opens a tunnel whose every connection reaches {@code targetHost:targetPort} from inside {@code container}. */
    public static EngineTunnel open(DockerEngine engine, String container, String targetHost, int targetPort) {
        try {
            return new EngineTunnel(engine, container, targetHost, targetPort);
        } catch (IOException e) {
            throw new EngineException("cannot listen on this machine's loopback: " + e.getMessage(), e);
        }
    }

    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Says where the tunnel leads, for people: "through the engine, from k-social-db to k-social-db:5432". */
    public String describe() {
        return "through the engine, from inside " + container + " to " + targetHost + ":" + targetPort;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            open.add(client);
            try {
                client.setTcpNoDelay(true);
                engine.execPiped(container, List.of("bash", "-c", RELAY, "relay", targetHost, String.valueOf(targetPort)),
                        client.getInputStream(), client.getOutputStream(), () -> closeQuietly(client));
            } catch (IOException | RuntimeException e) {
                // no such container, not running, engine gone: the client sees the connection closed, as when nothing listens
                closeQuietly(client);
            }
        }
    }

    private void closeQuietly(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        open.forEach(this::closeQuietly);
    }
}
