package org.kaspa.aio.provision;

import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.progress.ProgressListener;

/**
 * How a component's volume gets its first content from elsewhere before the container is created (a read
 * replica's copy of its primary). The provisioner asks it before every create and recreate; it decides
 * whether the volume already holds a good copy.
 */
public interface Seeding {
    /** Why the copy an existing container runs on must be made again, or null (also null when it cannot tell yet). */
    String reseedReason(DockerEngine engine);

    /** What a plan says about the seeding of a new container ("seeded from k-social-db with pg_basebackup"). */
    String describe();

    /**
     * The one-off container that seeds, as the compose export runs it before the component (its command
     * replaces the image's entrypoint); it keeps a volume that already holds a good copy.
     */
    org.kaspa.aio.engine.ContainerSpec task();

    /** Fills the volume, or keeps it when it holds a good copy; throws {@link ApplyException} with the tool's last lines. */
    void seed(DockerEngine engine, ProgressListener listener);
}
