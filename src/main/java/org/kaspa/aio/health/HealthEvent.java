package org.kaspa.aio.health;

/** A transition of one database; {@code previous} is null for the first observation. */
public record HealthEvent(DatabaseHealth previous, DatabaseHealth current) {
    public String serviceId() {
        return current.target().serviceId();
    }
}
