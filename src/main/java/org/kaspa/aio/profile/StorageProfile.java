package org.kaspa.aio.profile;

/** A file-based service's volume. */
public record StorageProfile(String volume) {
}
