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

    @Override
    public String toString() {
        // Content may be a password.
        return "ContainerFile[" + path + ", " + (secret ? "secret" : content.length + " bytes") + ", mode " + Integer.toOctalString(mode)
                + (owner == ROOT ? "" : ", owner " + owner) + "]";
    }
}
