package org.kaspa.aio.engine;

/** Image pull progress, summed over layers; {@code total} is 0 while unknown. */
@FunctionalInterface
public interface PullProgressListener {
    void progress(String image, long current, long total, String status);
}
