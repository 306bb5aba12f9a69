package org.kaspa.aio.engine;

/**
 * A file placed into a container before its first start (copied, not bind-mounted: works on remote
 * engines). A {@code secret} file's content stays out of config hashes, logs and toString. A {@code live}
 * file (a configuration the program re-reads) is replaced in the running container when it changes,
 * rather than recreating the container. {@code owner} is the numeric user (and group) the file belongs to,
 * {@link #ROOT} unless a program that is not root must read a 0600 file (a libpq password file, which
 * libpq ignores when group or others may read it).
 */
public record ContainerFile(String path, byte[] content, int mode, boolean secret, boolean live, int owner) {
    public static final int ROOT = 0;

    public ContainerFile(String path, byte[] content, int mode, boolean secret, boolean live) {
        this(path, content, mode, secret, live, ROOT);
    }

    public ContainerFile(String path, byte[] content, int mode, boolean secret) {
        this(path, content, mode, secret, false);
    }

    /** 2000-01-01T00:00:00Z: content stamps lie in the eight and a half years after it. */
    private static final long STAMP_EPOCH = 946_684_800L;

    /**
     * The modification time a live file that is not secret is written with, derived from its content (a second
     * in 2000–2008 from its SHA-256): the engine's stat of the path (size and time, no copy) then tells the
     * content we wrote from an edit made in the container, which stamps the time of the edit. Other files keep
     * the time of the copy; a secret's never carries its hash, which would let whoever can stat the path test
     * guesses of the content ({@link #stamped()}).
     */
    public java.time.Instant contentStamp() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(content);
            long seconds = ((digest[0] & 0xFFL) << 24 | (digest[1] & 0xFFL) << 16 | (digest[2] & 0xFFL) << 8 | (digest[3] & 0xFFL)) % (1L << 28);
            return java.time.Instant.ofEpochSecond(STAMP_EPOCH + seconds);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether this file is written with its {@link #contentStamp()}: a live file that is not secret. */
    public boolean stamped() {
        return live && !secret;
    }

    /** Whether the engine's stat of this file's path says it holds this content as written (a stamped file only). */
    public boolean writtenAsIs(ContainerPathStat stat) {
        return stamped() && stat.size() == content.length && contentStamp().equals(stat.modified());
    }

    @Override
    public String toString() {
        // Content may be a password.
        return "ContainerFile[" + path + ", " + (secret ? "secret" : content.length + " bytes") + ", mode " + Integer.toOctalString(mode)
                + (owner == ROOT ? "" : ", owner " + owner) + "]";
    }
}
