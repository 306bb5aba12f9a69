package org.kaspa.aio.provision;

import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.progress.ProgressListener;

/**
 * State inside a running component that apply keeps true every time once the component is ready (a
 * primary's replication role and slots): idempotent, cheap when nothing is to do, and able to work on a
 * data directory created long before (not only on first init).
 */
public interface Upkeep {
    void run(DockerEngine engine, String containerId, ProgressListener listener);

    /** Each of them in turn; null ones are left out. */
    static Upkeep all(Upkeep... each) {
        return (engine, containerId, listener) -> {
            for (Upkeep u : each) {
                if (u != null) {
                    u.run(engine, containerId, listener);
                }
            }
        };
    }
}
