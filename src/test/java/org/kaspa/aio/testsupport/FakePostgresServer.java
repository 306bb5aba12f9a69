package org.kaspa.aio.testsupport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny server on loopback that answers the PostgreSQL startup the way a given kind of server would,
 * for comparing our probe with the real pg_isready on cases a real database cannot easily be put in.
 * Like PostgreSQL it answers 'N' to an SSLRequest or GSSENCRequest and then reads the StartupMessage.
 */
public final class FakePostgresServer implements AutoCloseable {
    public enum Behaviour {
        /** ErrorResponse 57P03: "the database system is starting up". */
        STARTING_UP,
        /** AuthenticationCleartextPassword, then waits for a password that never comes. */
        AUTH_REQUEST,
        /** AuthenticationSASL (SCRAM), as PostgreSQL 14+ asks by default. */
        AUTH_SASL,
        /** ErrorResponse 28P01: password authentication failed. */
        BAD_PASSWORD,
        /** An ErrorResponse without a SQLSTATE field. */
        ERROR_WITHOUT_SQLSTATE,
        /** Bytes that are no PostgreSQL message (an HTTP server on the port). */
        GARBAGE,
        /** Accepts, then closes at once. */
        CLOSE_AT_ONCE,
        /** Accepts, reads, never answers. */
        NEVER_ANSWER,
        /** NegotiateProtocolVersion, then an authentication request (libpq 15 stops at the first). */
        NEGOTIATE_PROTOCOL,
        /** ErrorResponse whose SQLSTATE field is longer than five characters: 57P03XY. */
        LONG_SQLSTATE,
        /** Answers the SSLRequest ('N'), reads the startup message, then hangs up without a word. */
        CLOSE_AFTER_STARTUP
    }

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final List<Socket> held = new ArrayList<>();
    private final Thread acceptor;

    public FakePostgresServer(Behaviour behaviour) throws IOException {
        this(behaviour, "127.0.0.1", 0);
    }

    /** On a given loopback address and port (0: any free port), e.g. a second "host" 127.0.0.2 for host lists. */
    public FakePostgresServer(Behaviour behaviour, String address, int port) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        acceptor = new Thread(this::acceptLoop, "fake-postgres-" + behaviour);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "fake-postgres-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try {
            if (behaviour == Behaviour.CLOSE_AT_ONCE) {
                s.close();
                return;
            }
            s.setSoTimeout(30_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            if (behaviour == Behaviour.GARBAGE) {
                in.readInt();
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                s.close();
                return;
            }
            while (true) {
                int length = in.readInt();
                byte[] body = new byte[length - 4];
                in.readFully(body);
                int code = ByteBuffer.wrap(body).getInt();
                if (code == 80877103 || code == 80877104) {
                    out.write('N');
                    out.flush();
                    continue;
                }
                break;
            }
            switch (behaviour) {
                case STARTING_UP -> out.write(error("57P03", "the database system is starting up"));
                case BAD_PASSWORD -> out.write(error("28P01", "password authentication failed for user \"x\""));
                case ERROR_WITHOUT_SQLSTATE -> out.write(error(null, "something odd"));
                case LONG_SQLSTATE -> out.write(error("57P03XY", "the database system is starting up"));
                case NEGOTIATE_PROTOCOL -> {
                    out.write(new byte[]{'v', 0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0});
                    out.write(new byte[]{'R', 0, 0, 0, 8, 0, 0, 0, 3});
                }
                case AUTH_REQUEST -> out.write(new byte[]{'R', 0, 0, 0, 8, 0, 0, 0, 3});
                case AUTH_SASL -> {
                    byte[] mech = "SCRAM-SHA-256\0\0".getBytes(StandardCharsets.US_ASCII);
                    out.write(ByteBuffer.allocate(9 + mech.length).put((byte) 'R').putInt(8 + mech.length).putInt(10).put(mech).array());
                }
                case CLOSE_AFTER_STARTUP -> {
                    s.close();
                    return;
                }
                case NEVER_ANSWER -> {
                    synchronized (held) {
                        held.add(s);
                    }
                    return;
                }
                default -> throw new IllegalStateException(behaviour.toString());
            }
            out.flush();
            if (behaviour == Behaviour.AUTH_REQUEST || behaviour == Behaviour.AUTH_SASL || behaviour == Behaviour.NEGOTIATE_PROTOCOL) {
                // a real server waits for the password; the client hangs up first
                in.read();
            }
            s.close();
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static byte[] error(String sqlState, String message) {
        StringBuilder fields = new StringBuilder("SFATAL\0VFATAL\0");
        if (sqlState != null) {
            fields.append('C').append(sqlState).append('\0');
        }
        fields.append('M').append(message).append('\0').append('\0');
        byte[] body = fields.toString().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + body.length).put((byte) 'E').putInt(4 + body.length).put(body).array();
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (held) {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
