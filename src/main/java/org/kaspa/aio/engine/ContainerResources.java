package org.kaspa.aio.engine;

/**
 * The limits a container is created with: memory, CPUs (as {@code docker run --cpus}: a quota, not a
 * reservation) and the size of its {@code /dev/shm}.
 */
public record ContainerResources(long memoryBytes, double cpus, long shmBytes) {
    public long nanoCpus() {
        return Math.round(cpus * 1e9);
    }
}
