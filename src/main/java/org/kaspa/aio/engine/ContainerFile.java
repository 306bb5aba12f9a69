package org.kaspa.aio.engine;

/**
 * A file placed into a container before its first start (copied, not bind-mounted: works on remote
 * engines). A {@code secret} file's content stays out of config hashes, logs and toString.
 */
public record ContainerFile(String path, byte[] content, int mode, boolean secret) {
    @Override
    public String toString() {
        // Content may be a password.
        return "ContainerFile[" + path + ", " + (secret ? "secret" : content.length + " bytes") + ", mode " + Integer.toOctalString(mode) + "]";
    }
}
