package org.kaspa.aio.health;

/** A file-based service's volume: present on the engine or not. */
public record StorageStatus(String serviceId, String volume, boolean present) {
}
