package org.kaspa.aio.health;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/** The byte-level verdicts of the PQping state machine; the engine suite compares with the real pg_isready. */
class ReadinessProbeTest {

    private static Readiness verdict(byte[] bytes) {
        ByteBuffer b = ByteBuffer.allocate(30000);
        b.put(bytes);
        ReadinessProbe.Outcome o = ReadinessProbe.interpret(b);
        return o == null ? null : o.readiness();
    }

    static byte[] error(String sqlState) {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        fields.writeBytes("SFATAL\0".getBytes(StandardCharsets.US_ASCII));
        if (sqlState != null) {
            fields.writeBytes(("C" + sqlState + "\0").getBytes(StandardCharsets.US_ASCII));
        }
        fields.writeBytes("Mthe database system is starting up\0\0".getBytes(StandardCharsets.US_ASCII));
        byte[] body = fields.toByteArray();
        return ByteBuffer.allocate(5 + body.length).put((byte) 'E').putInt(4 + body.length).put(body).array();
    }

    @Test
    void authenticationRequestMeansAccepting() {
        assertEquals(Readiness.ACCEPTING, verdict(new byte[]{'R', 0, 0, 0, 12, 0, 0, 0, 5, 1, 2, 3, 4}));
        assertEquals(Readiness.ACCEPTING, verdict(new byte[]{'R', 0, 0, 0, 8}), "decided on the header, before the body");
    }

    @Test
    void startingUpMeansRejecting() {
        assertEquals(Readiness.REJECTING, verdict(error("57P03")));
    }

    @Test
    void anyOtherServerErrorMeansAccepting() {
        assertEquals(Readiness.ACCEPTING, verdict(error("28P01")));
        assertEquals(Readiness.ACCEPTING, verdict(error("3D000")));
    }

    @Test
    void errorWithoutSqlStateOrGarbageMeansNoResponse() {
        assertEquals(Readiness.NO_RESPONSE, verdict(error(null)));
        assertEquals(Readiness.NO_RESPONSE, verdict("HTTP/1.1 400 Bad Request\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Readiness.NO_RESPONSE, verdict(new byte[]{'R', 0, 0, 0, 2}));
        assertEquals(Readiness.NO_RESPONSE, verdict(new byte[]{'N', 0, 0, 0, 8}));
    }

    @Test
    void partialMessagesWaitForMore() {
        assertNull(verdict(new byte[]{'R', 0, 0}));
        byte[] e = error("57P03");
        assertNull(verdict(java.util.Arrays.copyOf(e, e.length - 3)));
        assertNull(verdict(new byte[0]));
    }

    @Test
    void negotiateProtocolVersionEndsTheAttemptAsInLibpq15() {
        // the real pg_isready 15 says "no response" to 'v' followed by an authentication request
        byte[] v = {'v', 0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] r = {'R', 0, 0, 0, 8, 0, 0, 0, 0};
        assertEquals(Readiness.NO_RESPONSE, verdict(ByteBuffer.allocate(v.length + r.length).put(v).put(r).array()));
    }

    @Test
    void aSqlStateCountsByItsFirstFiveCharactersAsInLibpqsBuffer() {
        assertEquals(Readiness.REJECTING, verdict(error("57P03XY")));
        assertEquals(Readiness.ACCEPTING, verdict(error("28P01XY")));
        assertEquals(Readiness.NO_RESPONSE, verdict(error("57P")));
    }

    @Test
    void startupMessageIsProtocol3WithUserAndDatabaseAndNoPassword() {
        byte[] m = ReadinessProbe.startupMessage("k_social_user", "ksocial");
        ByteBuffer b = ByteBuffer.wrap(m);
        assertEquals(m.length, b.getInt());
        assertEquals(196608, b.getInt());
        String rest = new String(m, 8, m.length - 8, StandardCharsets.UTF_8);
        assertEquals("user\0k_social_user\0database\0ksocial\0\0", rest);
    }

    @Test
    void missingParametersMeanNoAttemptButABadPortIsNoResponseAsInLibpq15() {
        assertEquals(Readiness.NO_ATTEMPT, new ReadinessProbe().probe(null, 5432, "u", "d", java.time.Duration.ofSeconds(1)));
        assertEquals(Readiness.NO_ATTEMPT, new ReadinessProbe().probe("127.0.0.1", 5432, null, "d", java.time.Duration.ofSeconds(1)));
        assertEquals(Readiness.NO_RESPONSE, new ReadinessProbe().probe("127.0.0.1", 0, "u", "d", java.time.Duration.ofSeconds(1)));
        assertEquals(Readiness.NO_RESPONSE, new ReadinessProbe().probe("127.0.0.1", 99999, "u", "d", java.time.Duration.ofSeconds(1)));
    }
}
