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
        return attempt(host, port, user, database, timeout, SslMode.PREFER).readiness();
    }

    /**
     * libpq's sslmode as far as a ping sees it. PLAIN (disable, allow) sends the startup message at once;
     * the others send an SSLRequest first, as libpq does over TCP; PREFER (libpq's default) goes on in
     * plaintext when the server has no SSL, REQUIRE and VERIFY do not.
     */
    public enum SslMode {
        PLAIN, PREFER, REQUIRE, VERIFY;

        public static SslMode of(String libpqWord) {
            return switch (libpqWord == null ? "" : libpqWord) {
                case "disable", "allow" -> PLAIN;
                case "require" -> REQUIRE;
                case "verify-ca", "verify-full" -> VERIFY;
                default -> PREFER;
            };
        }
    }

    /**
     * One host's verdict, and whether libpq would give up on the rest of a host list: it moves on after
     * a refused connection or a timeout, but not after a server that hung up or answered with something
     * that is not a startup reply (garbage, NegotiateProtocolVersion).
     */
    public record Outcome(Readiness readiness, boolean giveUp) {
        static final Outcome NOTHING = new Outcome(Readiness.NO_RESPONSE, false);
        static final Outcome NONSENSE = new Outcome(Readiness.NO_RESPONSE, true);
    }

    public Outcome attempt(String host, int port, String user, String database, Duration timeout, SslMode ssl) {
        if (host == null || user == null) {
            return new Outcome(Readiness.NO_ATTEMPT, true);
        }
        if (port < 1 || port > 65535) {
            // libpq 15 rejects the port while connecting, not while checking options: no response.
            return Outcome.NOTHING;
        }
        if (ssl == SslMode.VERIFY && !rootCertificateExists()) {
            // libpq fails before connecting: "root certificate file ... does not exist"
            return Outcome.NOTHING;
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
                return Outcome.NOTHING;
            }
        }
        byte[] startup = startupMessage(user, database == null || database.isEmpty() ? user : database);
        // libpq moves on to the host's next address only when nothing usable answered on this one.
        for (SocketAddress target : targets) {
            // libpq never negotiates SSL over a unix socket
            Outcome o = ssl == SslMode.PLAIN || target instanceof UnixDomainSocketAddress
                    ? probeOne(target, startup, timeout.toMillis())
                    : SslNegotiation.probe((InetSocketAddress) target, startup, timeout.toMillis(), ssl);
            if (o.readiness() != Readiness.NO_RESPONSE || o.giveUp()) {
                return o;
            }
        }
        return Outcome.NOTHING;
    }

    private static boolean rootCertificateExists() {
        String configured = System.getenv("PGSSLROOTCERT");
        java.nio.file.Path file = configured != null ? java.nio.file.Path.of(configured)
                : java.nio.file.Path.of(System.getProperty("user.home"), ".postgresql", "root.crt");
        return java.nio.file.Files.isReadable(file);
    }

    private static Outcome probeOne(SocketAddress target, byte[] startup, long timeoutMillis) {
        long deadline = timeoutMillis <= 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
        try (SocketChannel ch = SocketChannel.open(target instanceof UnixDomainSocketAddress
                ? StandardProtocolFamily.UNIX
                : ((InetSocketAddress) target).getAddress() instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
             Selector selector = Selector.open()) {
            ch.configureBlocking(false);
            if (!ch.connect(target)) {
                ch.register(selector, SelectionKey.OP_CONNECT);
                if (!await(selector, deadline)) {
                    return Outcome.NOTHING;
                }
                ch.finishConnect();
            }
            ByteBuffer out = ByteBuffer.wrap(startup);
            while (out.hasRemaining()) {
                if (ch.write(out) == 0) {
                    ch.register(selector, SelectionKey.OP_WRITE);
                    if (!await(selector, deadline)) {
                        return Outcome.NOTHING;
                    }
                }
            }
            ch.register(selector, SelectionKey.OP_READ);
            ByteBuffer in = ByteBuffer.allocate(30_000);
            while (true) {
                Outcome verdict = interpret(in);
                if (verdict != null) {
                    return verdict;
                }
                if (!await(selector, deadline)) {
                    return Outcome.NOTHING;
                }
                if (ch.read(in) < 0) {
                    return interpretAtEof(in);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Outcome.NOTHING;
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
     * Verdict on the bytes received so far, or null while more are needed. Mirrors libpq 15's
     * CONNECTION_AWAITING_RESPONSE: an authentication request is a live server; an ErrorResponse is judged
     * by its SQLSTATE, which libpq keeps in a 6-byte buffer (so a longer field counts by its first five
     * characters, a shorter one as none); NegotiateProtocolVersion ends the attempt with no response, as
     * does anything else.
     */
    static Outcome interpret(ByteBuffer received) {
        ByteBuffer buf = received.duplicate().flip();
        if (buf.remaining() < 1) {
            return null;
        }
        byte type = buf.get(0);
        if (type != 'R' && type != 'E') {
            return Outcome.NONSENSE;
        }
        if (buf.remaining() < 5) {
            return null;
        }
        int length = buf.getInt(1);
        if (type == 'R') {
            return length >= 8 && length <= 2000 ? new Outcome(Readiness.ACCEPTING, true) : Outcome.NONSENSE;
        }
        if (length < 8 || length > 30000) {
            // libpq reads this as a pre-3.0 error text: no SQLSTATE, so "no response".
            return Outcome.NONSENSE;
        }
        if (buf.remaining() < 1 + length) {
            return null;
        }
        String sqlState = sqlState(buf, 5, 1 + length);
        if (sqlState == null || sqlState.length() < 5) {
            return Outcome.NONSENSE;
        }
        return new Outcome(CANNOT_CONNECT_NOW.equals(sqlState.substring(0, 5)) ? Readiness.REJECTING : Readiness.ACCEPTING, true);
    }

    /** A server that hung up: what it sent before decides; having sent nothing, libpq gives up on the host list too. */
    static Outcome interpretAtEof(ByteBuffer received) {
        Outcome r = interpret(received);
        return r == null ? Outcome.NONSENSE : r;
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
