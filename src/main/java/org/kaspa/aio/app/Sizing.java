package org.kaspa.aio.app;

import org.kaspa.aio.profile.DatabaseResources;

import java.util.Map;

/** The engine's machine and the suggested share of each enabled database (service id → resources). */
public record Sizing(int engineMemoryMb, int engineCpus, Map<String, DatabaseResources> suggested) {
    public Sizing {
        suggested = Map.copyOf(suggested);
    }
}
