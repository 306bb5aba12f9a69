package org.kaspa.aio.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Database passwords by service id (secrets.json), and the password a rotation is changing to while it
 * runs ({@code pending}): written before {@code ALTER ROLE}, so a crash at any point leaves one of the two
 * working and stored. {@code scramSalt}: the salt of the password's SCRAM verifier (base64, random, kept
 * across rotations), so that the verifier the database holds and the one its PgBouncer authenticates with
 * are the same without either ever seeing the password. {@code replicationPassword}: the password of the
 * database's replication role, which its read replicas stream with. Deliberately not a record: its toString
 * must never print a password.
 */
public final class Secrets {
    private final Map<String, String> passwords;
    private final Map<String, String> pending;
    private final Map<String, String> salts;
    private final Map<String, String> replication;
    private final Map<String, String> monitor;

    public Secrets(Map<String, String> passwords) {
        this(passwords, Map.of());
    }

    public Secrets(Map<String, String> passwords, Map<String, String> pending) {
        this(passwords, pending, Map.of());
    }

    public Secrets(Map<String, String> passwords, Map<String, String> pending, Map<String, String> salts) {
        this(passwords, pending, salts, Map.of());
    }

    public Secrets(Map<String, String> passwords, Map<String, String> pending, Map<String, String> salts,
                   Map<String, String> replication) {
        this(passwords, pending, salts, replication, Map.of());
    }

    public Secrets(Map<String, String> passwords, Map<String, String> pending, Map<String, String> salts,
                   Map<String, String> replication, Map<String, String> monitor) {
        this.replication = Collections.unmodifiableMap(new LinkedHashMap<>(replication));
        this.monitor = Collections.unmodifiableMap(new LinkedHashMap<>(monitor));
        this.passwords = Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
        this.pending = Collections.unmodifiableMap(new LinkedHashMap<>(pending));
        this.salts = Collections.unmodifiableMap(new LinkedHashMap<>(salts));
    }

    public Optional<String> scramSalt(String serviceId) {
        return Optional.ofNullable(salts.get(serviceId));
    }

    public Map<String, String> saltMap() {
        return salts;
    }

    public Secrets withScramSalt(String serviceId, String salt) {
        Map<String, String> copy = new LinkedHashMap<>(salts);
        copy.put(serviceId, salt);
        return new Secrets(passwords, pending, copy, replication, monitor);
    }

    /** The password of the service's replication role (its read replicas log in with it). */
    public Optional<String> replicationPassword(String serviceId) {
        return Optional.ofNullable(replication.get(serviceId));
    }

    public Map<String, String> replicationMap() {
        return replication;
    }

    public Secrets withReplicationPassword(String serviceId, String password) {
        Map<String, String> copy = new LinkedHashMap<>(replication);
        copy.put(serviceId, password);
        return new Secrets(passwords, pending, salts, copy, monitor);
    }

    /** The password of the service's monitoring role (its exporter logs in with it). */
    public Optional<String> monitorPassword(String serviceId) {
        return Optional.ofNullable(monitor.get(serviceId));
    }

    public Secrets withMonitorPassword(String serviceId, String password) {
        Map<String, String> copy = new LinkedHashMap<>(monitor);
        copy.put(serviceId, password);
        return new Secrets(passwords, pending, salts, replication, copy);
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
        return new Secrets(copy, pending, salts, replication, monitor);
    }

    public Secrets withPending(String serviceId, String password) {
        Map<String, String> copy = new LinkedHashMap<>(pending);
        copy.put(serviceId, password);
        return new Secrets(passwords, copy, salts, replication, monitor);
    }

    public Secrets withoutPending(String serviceId) {
        Map<String, String> copy = new LinkedHashMap<>(pending);
        copy.remove(serviceId);
        return new Secrets(passwords, copy, salts, replication, monitor);
    }

    @Override
    public String toString() {
        return "Secrets" + passwords.keySet() + (pending.isEmpty() ? "" : " pending" + pending.keySet()) + " (values hidden)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secrets s && s.passwords.equals(passwords) && s.pending.equals(pending) && s.salts.equals(salts)
                && s.replication.equals(replication) && s.monitor.equals(monitor);
    }

    @Override
    public int hashCode() {
        return passwords.hashCode() * 31 + pending.hashCode();
    }
}
