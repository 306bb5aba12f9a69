package org.kaspa.aio.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A native pg_isready: the PostgreSQL startup handshake with the semantics of libpq's PQping (DESIGN §3).
 * An authentication request means the server is up (accepting); an ErrorResponse with SQLSTATE 57P03
 * means it is starting, stopping or recovering (rejecting); any other server error still means a live
 * server (accepting); no parsable answer means no response. It never sends a password and closes after
 * the first answer. A host starting with '/' is a unix socket directory, as in libpq.
 */
public final class ReadinessProbe {
    private static final int PROTOCOL_3_0 = 196608;
    private static final String CANNOT_CONNECT_NOW = "57P03";
    /** libpq's compiled-in socket directory on Debian, where a host-less pg_isready looks. */
    public static final String DEFAULT_SOCKET_DIR = "/var/run/postgresql";

    /**
     * @param timeout per address, like libpq's connect_timeout; zero waits indefinitely
     */
    public Readiness probe(String host, int port, String user, String database, Duration timeout) {
        if (host == null || user == null) {
            return Readiness.NO_ATTEMPT;
        }
        if (port < 1 || port > 65535) {
            // libpq 15 rejects the port while connecting, not while checking options: no response.
            return Readiness.NO_RESPONSE;
        }
        List<SocketAddress> targets = new ArrayList<>();
        if (host.isEmpty() || host.startsWith("/")) {
            host = host.isEmpty() ? DEFAULT_SOCKET_DIR : host;
            targets.add(UnixDomainSocketAddress.of(host + "/.s.PGSQL." + port));
        } else {
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    targets.add(new InetSocketAddress(a, port));
                }
            } catch (UnknownHostException e) {
                return Readiness.NO_RESPONSE;
            }
        }
        byte[] startup = startupMessage(user, database == null || database.isEmpty() ? user : database);
        // libpq moves on to the host's next address only when nothing answered on this one.
        for (SocketAddress target : targets) {
            Readiness r = probeOne(target, startup, timeout.toMillis());
            if (r != Readiness.NO_RESPONSE) {
                return r;
            }
        }
        return Readiness.NO_RESPONSE;
    }

    private static Readiness probeOne(SocketAddress target, byte[] startup, long timeoutMillis) {
        long deadline = timeoutMillis <= 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
        try (SocketChannel ch = SocketChannel.open(target instanceof UnixDomainSocketAddress
                ? StandardProtocolFamily.UNIX
                : ((InetSocketAddress) target).getAddress() instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
             Selector selector = Selector.open()) {
            ch.configureBlocking(false);
            if (!ch.connect(target)) {
                ch.register(selector, SelectionKey.OP_CONNECT);
                if (!await(selector, deadline)) {
                    return Readiness.NO_RESPONSE;
                }
                ch.finishConnect();
            }
            ByteBuffer out = ByteBuffer.wrap(startup);
            while (out.hasRemaining()) {
                if (ch.write(out) == 0) {
                    ch.register(selector, SelectionKey.OP_WRITE);
                    if (!await(selector, deadline)) {
                        return Readiness.NO_RESPONSE;
                    }
                }
            }
            ch.register(selector, SelectionKey.OP_READ);
            ByteBuffer in = ByteBuffer.allocate(30_000);
            while (true) {
                Readiness verdict = interpret(in);
                if (verdict != null) {
                    return verdict;
                }
                if (!await(selector, deadline)) {
                    return Readiness.NO_RESPONSE;
                }
                if (ch.read(in) < 0) {
                    return interpretAtEof(in);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Readiness.NO_RESPONSE;
        }
    }

    /** Waits for the registered operation; false on timeout. */
    private static boolean await(Selector selector, long deadline) throws IOException {
        long waitMs;
        if (deadline == Long.MAX_VALUE) {
            waitMs = 0;
        } else {
            waitMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
            if (System.nanoTime() >= deadline) {
                return false;
            }
        }
        int n = selector.select(waitMs);
        selector.selectedKeys().clear();
        return n > 0 || deadline == Long.MAX_VALUE || System.nanoTime() < deadline;
    }

    /**
     * Verdict on the bytes received so far, or null while more are needed. Mirrors libpq's
     * CONNECTION_AWAITING_RESPONSE: only 'R', 'E' and 'v' are legal there.
     */
    static Readiness interpret(ByteBuffer received) {
        ByteBuffer buf = received.duplicate().flip();
        while (true) {
            if (buf.remaining() < 1) {
                return null;
            }
            byte type = buf.get(buf.position());
            if (type != 'R' && type != 'E' && type != 'v') {
                return Readiness.NO_RESPONSE;
            }
            if (buf.remaining() < 5) {
                return null;
            }
            int length = buf.getInt(buf.position() + 1);
            if (type == 'R') {
                return length >= 8 && length <= 2000 ? Readiness.ACCEPTING : Readiness.NO_RESPONSE;
            }
            if (type == 'E' && (length < 8 || length > 30000)) {
                // libpq reads this as a pre-3.0 error text: no SQLSTATE, so "no response".
                return Readiness.NO_RESPONSE;
            }
            if (length < 4 || buf.remaining() < 1 + length) {
                return length < 4 ? Readiness.NO_RESPONSE : null;
            }
            if (type == 'E') {
                String sqlState = sqlState(buf, buf.position() + 5, buf.position() + 1 + length);
                if (sqlState == null || sqlState.length() != 5) {
                    return Readiness.NO_RESPONSE;
                }
                return CANNOT_CONNECT_NOW.equals(sqlState) ? Readiness.REJECTING : Readiness.ACCEPTING;
            }
            // 'v' (NegotiateProtocolVersion): libpq goes on waiting for the next message.
            buf.position(buf.position() + 1 + length);
        }
    }

    private static Readiness interpretAtEof(ByteBuffer received) {
        Readiness r = interpret(received);
        return r == null ? Readiness.NO_RESPONSE : r;
    }

    private static String sqlState(ByteBuffer buf, int from, int to) {
        int i = from;
        while (i < to) {
            byte field = buf.get(i++);
            if (field == 0) {
                return null;
            }
            int start = i;
            while (i < to && buf.get(i) != 0) {
                i++;
            }
            if (field == 'C') {
                byte[] value = new byte[i - start];
                buf.get(start, value);
                return new String(value, StandardCharsets.UTF_8);
            }
            i++;
        }
        return null;
    }

    static byte[] startupMessage(String user, String database) {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] d = database.getBytes(StandardCharsets.UTF_8);
        byte[] userKey = "user".getBytes(StandardCharsets.US_ASCII);
        byte[] dbKey = "database".getBytes(StandardCharsets.US_ASCII);
        int length = 4 + 4 + userKey.length + 1 + u.length + 1 + dbKey.length + 1 + d.length + 1 + 1;
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putInt(length).putInt(PROTOCOL_3_0);
        b.put(userKey).put((byte) 0).put(u).put((byte) 0);
        b.put(dbKey).put((byte) 0).put(d).put((byte) 0);
        b.put((byte) 0);
        return b.array();
    }
}
