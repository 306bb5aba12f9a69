package org.kaspa.aio.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Database passwords by service id (secrets.json), and the password a rotation is changing to while it
 * runs ({@code pending}): written before {@code ALTER ROLE}, so a crash at any point leaves one of the two
 * working and stored. Deliberately not a record: its toString must never print a password.
 */
public final class Secrets {
    private final Map<String, String> passwords;
    private final Map<String, String> pending;

    public Secrets(Map<String, String> passwords) {
        this(passwords, Map.of());
    }

    public Secrets(Map<String, String> passwords, Map<String, String> pending) {
        this.passwords = Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
        this.pending = Collections.unmodifiableMap(new LinkedHashMap<>(pending));
    }

    public Optional<String> password(String serviceId) {
        return Optional.ofNullable(passwords.get(serviceId));
    }

    /** The password a rotation of this service was changing to when it last ran, if it did not finish. */
    public Optional<String> pending(String serviceId) {
        return Optional.ofNullable(pending.get(serviceId));
    }

    public Map<String, String> asMap() {
        return passwords;
    }

    public Map<String, String> pendingMap() {
        return pending;
    }

    public Secrets with(String serviceId, String password) {
        Map<String, String> copy = new LinkedHashMap<>(passwords);
        copy.put(serviceId, password);
        return new Secrets(copy, pending);
    }

    public Secrets withPending(String serviceId, String password) {
        Map<String, String> copy = new LinkedHashMap<>(pending);
        copy.put(serviceId, password);
        return new Secrets(passwords, copy);
    }

    public Secrets withoutPending(String serviceId) {
        Map<String, String> copy = new LinkedHashMap<>(pending);
        copy.remove(serviceId);
        return new Secrets(passwords, copy);
    }

    @Override
    public String toString() {
        return "Secrets" + passwords.keySet() + (pending.isEmpty() ? "" : " pending" + pending.keySet()) + " (values hidden)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secrets s && s.passwords.equals(passwords) && s.pending.equals(pending);
    }

    @Override
    public int hashCode() {
        return passwords.hashCode() * 31 + pending.hashCode();
    }
}
