package org.kaspa.aio.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * secrets.json: {@code { "<service>": { "password": "…" } }}, mode 0600, written atomically. Error
 * messages name the JSON path and rule but never echo a value, since a value may be a password.
 */
public final class SecretsStore {
    /** The secrets.json entry of Grafana's admin user ({@code "grafana": { "password": … }}), made when Grafana first runs. */
    public static final String GRAFANA = "grafana";
    private static final java.util.List<String> KEYS = java.util.List.of("password", "pending", "scramSalt", "replicationPassword", "monitorPassword");
    static final String SOURCE = "secrets.json";
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public Secrets read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Secrets(Map.of());
        } catch (IOException e) {
            throw new InvalidInputException(SOURCE, "", "cannot be read: " + e.getClass().getSimpleName());
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            // The parser's message quotes the offending text, which may be a password: keep only the position.
            var at = e.getLocation();
            throw new InvalidInputException(SOURCE, "", "malformed JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(SOURCE, "", "must be a JSON object");
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        Map<String, String> pending = new LinkedHashMap<>();
        Map<String, String> salts = new LinkedHashMap<>();
        Map<String, String> replication = new LinkedHashMap<>();
        Map<String, String> monitor = new LinkedHashMap<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String id = it.next();
            JsonNode entry = root.get(id);
            if (!entry.isObject()) {
                throw new InvalidInputException(SOURCE, id, "must be an object with a password");
            }
            for (Iterator<String> keys = entry.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!KEYS.contains(key)) {
                    throw new InvalidInputException(SOURCE, id + "." + key, "unknown key (allowed: " + String.join(", ", KEYS) + ")");
                }
            }
            JsonNode pw = entry.get("password");
            if (pw == null || !pw.isTextual()) {
                throw new InvalidInputException(SOURCE, id + ".password", "must be a string");
            }
            String problem = ProfileValidator.passwordProblem(pw.textValue());
            if (problem != null) {
                throw new InvalidInputException(SOURCE, id + ".password", problem);
            }
            passwords.put(id, pw.textValue());
            JsonNode next = entry.get("pending");
            if (next != null) {
                if (!next.isTextual() || ProfileValidator.passwordProblem(next.textValue()) != null) {
                    throw new InvalidInputException(SOURCE, id + ".pending", "must be a password like the one in 'password'");
                }
                pending.put(id, next.textValue());
            }
            JsonNode salt = entry.get("scramSalt");
            if (salt != null) {
                if (!salt.isTextual() || !salt.textValue().matches("[A-Za-z0-9+/]{16,}={0,2}")) {
                    throw new InvalidInputException(SOURCE, id + ".scramSalt", "must be base64 of at least 12 bytes");
                }
                salts.put(id, salt.textValue());
            }
            JsonNode repl = entry.get("replicationPassword");
            if (repl != null) {
                if (!repl.isTextual() || ProfileValidator.passwordProblem(repl.textValue()) != null) {
                    throw new InvalidInputException(SOURCE, id + ".replicationPassword", "must be a password like the one in 'password'");
                }
                replication.put(id, repl.textValue());
            }
            JsonNode mon = entry.get("monitorPassword");
            if (mon != null) {
                if (!mon.isTextual() || ProfileValidator.passwordProblem(mon.textValue()) != null) {
                    throw new InvalidInputException(SOURCE, id + ".monitorPassword", "must be a password like the one in 'password'");
                }
                monitor.put(id, mon.textValue());
            }
        }
        return new Secrets(passwords, pending, salts, replication, monitor);
    }

    public void write(Path file, Secrets secrets) throws IOException {
        ObjectNode root = mapper.createObjectNode();
        secrets.asMap().forEach((id, pw) -> {
            ObjectNode entry = root.putObject(id).put("password", pw);
            secrets.pending(id).ifPresent(next -> entry.put("pending", next));
            secrets.scramSalt(id).ifPresent(salt -> entry.put("scramSalt", salt));
            secrets.replicationPassword(id).ifPresent(r -> entry.put("replicationPassword", r));
            secrets.monitorPassword(id).ifPresent(m -> entry.put("monitorPassword", m));
        });
        AtomicFileWriter.write(file, (mapper.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8), OWNER_ONLY);
    }

    /** Adds a fresh password for each database service of the profile that has none yet. */
    public static Secrets completeFor(Profile profile, Secrets secrets, PasswordGenerator generator) {
        Secrets out = secrets;
        for (var e : profile.services().entrySet()) {
            if (e.getValue().hasDatabase() && out.password(e.getKey()).isEmpty()) {
                out = out.with(e.getKey(), generator.next());
            }
            if (e.getValue().hasDatabase() && out.scramSalt(e.getKey()).isEmpty()) {
                out = out.withScramSalt(e.getKey(), generator.salt());
            }
            if (e.getValue().hasDatabase() && out.replicationPassword(e.getKey()).isEmpty()) {
                out = out.withReplicationPassword(e.getKey(), generator.next());
            }
            if (e.getValue().hasDatabase() && out.monitorPassword(e.getKey()).isEmpty()) {
                out = out.withMonitorPassword(e.getKey(), generator.next());
            }
        }
        if (profile.monitoring() != null && profile.monitoring().grafanaRuns() && out.password(GRAFANA).isEmpty()) {
            out = out.with(GRAFANA, generator.next());
        }
        return out;
    }
}
