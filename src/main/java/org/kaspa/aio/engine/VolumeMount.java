package org.kaspa.aio.engine;

/** A named volume mounted at a path inside a container. */
public record VolumeMount(String volume, String path, boolean readOnly) {
    public VolumeMount(String volume, String path) {
        this(volume, path, false);
    }
}
