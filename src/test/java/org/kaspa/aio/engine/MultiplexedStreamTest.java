package org.kaspa.aio.engine;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultiplexedStreamTest {
    /** A frame as the engine writes it: stream, three zero bytes, the payload's length big-endian, the payload. */
    private static byte[] frame(int stream, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(stream);
        out.writeBytes(new byte[3]);
        out.write(payload.length >>> 24);
        out.write(payload.length >>> 16);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private record Received(int stream, String text) {
    }

    private static List<Received> read(byte[] bytes) throws IOException {
        List<Received> got = new ArrayList<>();
        MultiplexedStream.read(new ByteArrayInputStream(bytes), (stream, payload) -> got.add(new Received(stream, new String(payload, StandardCharsets.UTF_8))));
        return got;
    }

    @Test
    void framesComeOutInOrderWithTheirStream() throws IOException {
        byte[] wire = concat(frame(1, "out 1\n".getBytes(StandardCharsets.UTF_8)), frame(2, "err\n".getBytes(StandardCharsets.UTF_8)),
                frame(1, "out 2\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(new Received(1, "out 1\n"), new Received(MultiplexedStream.STDERR, "err\n"), new Received(1, "out 2\n")), read(wire));
    }

    @Test
    void aLengthAbove16BitsAndAnEmptyPayloadAreRead() throws IOException {
        byte[] big = new byte[70_000 + 256 * 256 * 3]; // the length's upper bytes are used
        Arrays.fill(big, (byte) 'x');
        List<Received> got = read(concat(frame(1, big), frame(2, new byte[0])));
        assertEquals(2, got.size());
        assertEquals(big.length, got.get(0).text().length());
        assertEquals("", got.get(1).text());
    }

    @Test
    void anEmptyStreamHasNoFrames() throws IOException {
        assertEquals(List.of(), read(new byte[0]));
    }

    @Test
    void aStreamCutInsideAFrameIsAnErrorNotAShortOutput() {
        byte[] whole = frame(1, "complete output".getBytes(StandardCharsets.UTF_8));
        IOException inPayload = assertThrows(IOException.class, () -> read(Arrays.copyOf(whole, whole.length - 3)));
        assertTrue(inPayload.getMessage().contains("ended inside a frame"), inPayload.getMessage());
        IOException inHeader = assertThrows(IOException.class, () -> read(Arrays.copyOf(whole, 5)));
        assertTrue(inHeader.getMessage().contains("ended inside a frame's header"), inHeader.getMessage());
    }
}
