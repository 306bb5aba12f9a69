package org.kaspa.aio.profile;

/**
 * What one database container may use: a memory limit (its {@code /dev/shm} and the derived PostgreSQL
 * memory settings follow it) and a CPU quota. Field names are the profile.json keys.
 */
public record DatabaseResources(int memoryMb, double cpus) {
    /** Below this PostgreSQL with the derived settings has too little to start reliably. */
    public static final int MIN_MEMORY_MB = 256;
    public static final double MIN_CPUS = 0.1;

    public long memoryBytes() {
        return memoryMb * 1024L * 1024L;
    }

    /** "2048 MB, 1.5 CPUs" */
    public String describe() {
        return memoryMb + " MB, " + (cpus == Math.rint(cpus) ? String.valueOf((long) cpus) : String.valueOf(cpus)) + (cpus == 1 ? " CPU" : " CPUs");
    }
}
