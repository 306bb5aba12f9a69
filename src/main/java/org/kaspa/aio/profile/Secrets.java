package org.kaspa.aio.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Database passwords by service id (secrets.json). Deliberately not a record: its toString must never
 * print a password, whatever ends up logging it.
 */
public final class Secrets {
    private final Map<String, String> passwords;

    public Secrets(Map<String, String> passwords) {
        this.passwords = Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
    }

    public Optional<String> password(String serviceId) {
        return Optional.ofNullable(passwords.get(serviceId));
    }

    public Map<String, String> asMap() {
        return passwords;
    }

    public Secrets with(String serviceId, String password) {
        Map<String, String> copy = new LinkedHashMap<>(passwords);
        copy.put(serviceId, password);
        return new Secrets(copy);
    }

    @Override
    public String toString() {
        return "Secrets" + passwords.keySet() + " (values hidden)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secrets s && s.passwords.equals(passwords);
    }

    @Override
    public int hashCode() {
        return passwords.hashCode();
    }
}
