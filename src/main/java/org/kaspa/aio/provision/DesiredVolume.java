package org.kaspa.aio.provision;

/** A named volume the profile needs, and the role it plays (database data or indexer files). */
public record DesiredVolume(String name, String serviceId, String role) {
}
