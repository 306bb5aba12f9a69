package org.kaspa.aio.engine;

/**
 * The machine the engine runs containers on, as the engine reports it (Docker Desktop's, Colima's or
 * Podman machine's VM, not the desktop's): what the databases are sized from.
 */
public record EngineMachine(long memoryBytes, int cpus) {
    public int memoryMb() {
        return (int) Math.min(Integer.MAX_VALUE, memoryBytes >> 20);
    }
}
