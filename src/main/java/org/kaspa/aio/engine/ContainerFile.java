package org.kaspa.aio.engine;

/**
 * A file placed into a container before its first start (copied, not bind-mounted: works on remote
 * engines). A {@code secret} file's content stays out of config hashes, logs and toString. A {@code live}
 * file (a configuration the program re-reads) is replaced in the running container when it changes,
 * rather than recreating the container.
 */
public record ContainerFile(String path, byte[] content, int mode, boolean secret, boolean live) {
    public ContainerFile(String path, byte[] content, int mode, boolean secret) {
        this(path, content, mode, secret, false);
    }

    @Override
    public String toString() {
        // Content may be a password.
        return "ContainerFile[" + path + ", " + (secret ? "secret" : content.length + " bytes") + ", mode " + Integer.toOctalString(mode) + "]";
    }
}
