package org.kaspa.aio.engine;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The engine's output stream of a command run without a terminal (an exec's, a container's attach): frames of an
 * 8-byte header — the stream (0 stdin, 1 stdout, 2 stderr), three zero bytes, the payload's length as a big-endian
 * 32-bit number — and the payload. Docker's and Podman's Docker API send the same framing.
 */
final class MultiplexedStream {
    static final int STDERR = 2;

    /** Where each frame's payload goes, by its stream. */
    @FunctionalInterface
    interface FrameSink {
        void accept(int stream, byte[] payload);
    }

    private MultiplexedStream() {
    }

    /** Reads frames until the stream ends; a stream that ends inside a frame is an error (the answer was cut). */
    static void read(InputStream in, FrameSink sink) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[8];
        while (true) {
            int first = data.read();
            if (first < 0) {
                return;
            }
            header[0] = (byte) first;
            try {
                data.readFully(header, 1, 7);
            } catch (EOFException cut) {
                throw new IOException("the engine's output stream ended inside a frame's header", cut);
            }
            long size = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException("a frame of " + size + " bytes in the engine's output stream: not a multiplexed stream");
            }
            byte[] payload = new byte[(int) size];
            try {
                data.readFully(payload);
            } catch (EOFException cut) {
                throw new IOException("the engine's output stream ended inside a frame", cut);
            }
            sink.accept(header[0], payload);
        }
    }
}
