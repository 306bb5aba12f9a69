package org.kaspa.aio.health;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * The startup handshake over TCP as libpq does it for every sslmode but disable/allow: an SSLRequest
 * first. 'N': the startup message in plaintext on the same connection (prefer), or "no response" when SSL
 * is required; 'S': a TLS session, then the startup message; a hang-up before any answer, or anything
 * else, ends the host list (libpq gives up there). Certificates: not checked for prefer and require (as
 * libpq without a root certificate), checked against PGSSLROOTCERT (default ~/.postgresql/root.crt) for
 * the verify modes; the host name is not matched (verify-full's extra step).
 */
final class SslNegotiation {
    private static final int SSL_REQUEST = 80877103;

    private SslNegotiation() {
    }

    static ReadinessProbe.Outcome probe(InetSocketAddress target, byte[] startup, long timeoutMillis, ReadinessProbe.SslMode mode) {
        int timeout = timeoutMillis <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, timeoutMillis);
        try (Socket plain = new Socket()) {
            plain.connect(target, timeout);
            plain.setSoTimeout(timeout);
            OutputStream out = plain.getOutputStream();
            out.write(ByteBuffer.allocate(8).putInt(8).putInt(SSL_REQUEST).array());
            out.flush();
            int answer = plain.getInputStream().read();
            if (answer == 'N') {
                if (mode != ReadinessProbe.SslMode.PREFER) {
                    return ReadinessProbe.Outcome.NOTHING; // "server does not support SSL, but SSL was required"
                }
                return startup(plain, startup);
            }
            if (answer != 'S') {
                return ReadinessProbe.Outcome.NONSENSE; // a hang-up or an invalid response to SSL negotiation
            }
            try (SSLSocket tls = (SSLSocket) context(mode).getSocketFactory()
                    .createSocket(plain, target.getHostString(), target.getPort(), true)) {
                tls.setSoTimeout(timeout);
                tls.startHandshake();
                return startup(tls, startup);
            }
        } catch (SocketTimeoutException e) {
            return ReadinessProbe.Outcome.NOTHING;
        } catch (IOException | RuntimeException | java.security.GeneralSecurityException e) {
            return ReadinessProbe.Outcome.NOTHING;
        }
    }

    /** Sends the startup message and reads until the answer decides, the server hangs up or time runs out. */
    private static ReadinessProbe.Outcome startup(Socket socket, byte[] startup) throws IOException {
        socket.getOutputStream().write(startup);
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        ByteBuffer received = ByteBuffer.allocate(30_000);
        byte[] chunk = new byte[4096];
        while (true) {
            ReadinessProbe.Outcome verdict = ReadinessProbe.interpret(received);
            if (verdict != null) {
                return verdict;
            }
            int n = in.read(chunk, 0, Math.min(chunk.length, received.remaining()));
            if (n < 0) {
                return ReadinessProbe.interpretAtEof(received);
            }
            received.put(chunk, 0, n);
        }
    }

    private static SSLContext context(ReadinessProbe.SslMode mode) throws java.security.GeneralSecurityException, IOException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        String configured = System.getenv("PGSSLROOTCERT");
        Path root = configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".postgresql", "root.crt");
        if (mode == ReadinessProbe.SslMode.VERIFY && Files.isReadable(root)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            try (InputStream in = Files.newInputStream(root)) {
                int i = 0;
                for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trusted.setCertificateEntry("root-" + i++, cert);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            ctx.init(null, tmf.getTrustManagers(), null);
        } else {
            ctx.init(null, new TrustManager[]{new AnyCertificate()}, null);
        }
        return ctx;
    }

    /** sslmode prefer/require without a root certificate: encryption without verification, exactly as libpq. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
