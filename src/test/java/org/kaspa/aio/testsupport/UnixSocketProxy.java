package org.kaspa.aio.testsupport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A unix-socket forwarder in front of the real Docker engine's socket. Closing it makes the engine
 * "go away" for a client that was pointed here, without stopping the daemon (and the containers);
 * opening it again brings the engine back. {@link #onLoopbackTcp} listens on 127.0.0.1 instead: a
 * plaintext {@code tcp://} engine, for the tests of what the installer does with one.
 */
public final class UnixSocketProxy implements AutoCloseable {
    private final Path listen;
    private final Path target;
    private int tcpPort = -1;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private ServerSocketChannel server;

    public UnixSocketProxy(Path listen, Path target) {
        this.listen = listen;
        this.target = target;
    }

    /** The same forwarder on a free loopback TCP port. */
    public static UnixSocketProxy onLoopbackTcp(Path target) {
        UnixSocketProxy p = new UnixSocketProxy(null, target);
        p.tcpPort = 0;
        return p;
    }

    public String dockerHost() {
        return tcpPort >= 0 ? "tcp://127.0.0.1:" + tcpPort : "unix://" + listen;
    }

    public synchronized UnixSocketProxy open() throws IOException {
        if (tcpPort >= 0) {
            server = ServerSocketChannel.open(StandardProtocolFamily.INET);
            server.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), tcpPort));
            tcpPort = ((java.net.InetSocketAddress) server.getLocalAddress()).getPort();
        } else {
            Files.deleteIfExists(listen);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(listen));
        }
        ServerSocketChannel s = server;
        Thread t = new Thread(() -> acceptLoop(s), "unix-proxy");
        t.setDaemon(true);
        t.start();
        return this;
    }

    private void acceptLoop(ServerSocketChannel s) {
        while (s.isOpen()) {
            try {
                SocketChannel client = s.accept();
                SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(target));
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            try {
                while (from.read(buf) >= 0) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        to.write(buf);
                    }
                    buf.clear();
                }
            } catch (IOException ignored) {
                // one side closed
            }
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }, "unix-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public synchronized void close() throws IOException {
        if (server != null) {
            server.close();
        }
        for (SocketChannel c : open) {
            c.close();
        }
        open.clear();
        if (listen != null) {
            Files.deleteIfExists(listen);
        }
    }
}
