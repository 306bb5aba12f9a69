package org.kaspa.aio.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The two pg_dump formats we write and read back, recognised by their first bytes. */
public enum DumpFormat {
    /** pg_dump -Fc: compressed, restored with pg_restore. Starts with "PGDMP". */
    CUSTOM("custom"),
    /** pg_dump's default SQL text (the design's {@code .sql} form), restored with psql. */
    PLAIN("plain");

    private final String word;

    DumpFormat(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<DumpFormat> parse(String word) {
        for (DumpFormat f : values()) {
            if (f.word.equals(word)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** What a file holds, judged by its header; empty when it is not a pg_dump output. */
    public static Optional<DumpFormat> detect(Path file) throws IOException {
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (text.startsWith("PGDMP")) {
            return Optional.of(CUSTOM);
        }
        if (text.startsWith("--\n-- PostgreSQL database dump\n--")) {
            return Optional.of(PLAIN);
        }
        return Optional.empty();
    }

    /** The line pg_dump writes last (before 15.14's {@code \\unrestrict} key) when a plain dump is complete. */
    static final String PLAIN_TRAILER = "-- PostgreSQL database dump complete";

    /** Whether a plain dump ends with pg_dump's completion trailer: a file cut anywhere before it does not. */
    public static boolean plainDumpComplete(Path file) throws IOException {
        long size = Files.size(file);
        int tail = (int) Math.min(size, 4096);
        byte[] buf = new byte[tail];
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            ch.read(java.nio.ByteBuffer.wrap(buf), size - tail);
        }
        return new String(buf, StandardCharsets.UTF_8).lines().anyMatch(PLAIN_TRAILER::equals);
    }
}
