package org.kaspa.aio.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * A database's read replicas; field names are the profile.json keys. Replica {@code n} (1-based) publishes
 * {@code ports[n-1]}; the list may hold more ports than {@code count} (kept for when the count grows).
 */
public record ReplicasProfile(int count, List<Integer> ports) {
    /** At most this many replicas per database: each is a full copy, and each holds a slot on the primary. */
    public static final int MAX = 5;
    /** Default host ports of replica n: the catalog's first replica port, then every tenth port after it. */
    public static final int PORT_STEP = 10;

    public ReplicasProfile {
        ports = List.copyOf(ports);
    }

    /** No replica, one port ready for the first (what a new profile and a migrated one start with). */
    public static ReplicasProfile none(int firstPort) {
        return new ReplicasProfile(0, List.of(firstPort));
    }

    /** The same with {@code n} replicas, adding default ports (after the last one) where the list is short. */
    public ReplicasProfile withCount(int n) {
        List<Integer> out = new ArrayList<>(ports);
        while (out.size() < n) {
            out.add(out.isEmpty() ? 5443 : out.get(out.size() - 1) + PORT_STEP);
        }
        return new ReplicasProfile(n, out);
    }

    /** The host port of replica {@code n} (1-based). */
    public int port(int n) {
        return ports.get(n - 1);
    }
}
