package org.kaspa.aio.provision;

import java.util.Map;

/**
 * The labels that mark what kaspa-aio created (DESIGN §2). A resource with one of our names but without
 * {@link #SERVICE} is someone else's and is never touched.
 */
public final class Labels {
    public static final String PREFIX = "kaspa-aio.";
    public static final String SERVICE = PREFIX + "service";
    public static final String ROLE = PREFIX + "role";
    public static final String CONFIG_HASH = PREFIX + "config-hash";
    /**
     * Set on containers of an exported compose stack, which carry our labels but no config hash: apply
     * adopts them (their volumes and network are ours) by recreating each container as its own.
     */
    public static final String ORIGIN = PREFIX + "origin";
    public static final String ORIGIN_COMPOSE_EXPORT = "compose-export";
    public static final String ROLE_STORAGE = "storage";
    public static final String ROLE_NETWORK = "network";
    /** A short-lived container that only reads a volume (never started). */
    public static final String ROLE_HELPER = "helper";
    /** The service label value of shared resources (the network). */
    public static final String SHARED = "shared";

    private Labels() {
    }

    public static Map<String, String> of(String service, String role) {
        return Map.of(SERVICE, service, ROLE, role);
    }

    public static boolean isOurs(Map<String, String> labels) {
        return labels != null && labels.containsKey(SERVICE);
    }
}
