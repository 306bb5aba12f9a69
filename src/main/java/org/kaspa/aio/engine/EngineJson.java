package org.kaspa.aio.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's answers to read-only GETs (and HEADs) as JSON trees, through docker-java's own transport. The queries every
 * CLI verb makes (inspect a container, a volume, an image; the version; the machine; lists) go this way because
 * docker-java binds each answer to its model classes, and Jackson's first binding of a type in a JVM introspects
 * the whole model (a container inspection ~45 ms, the engine info ~45 ms, cold, per start), where a tree holds
 * the few fields we read at no such cost. An exec (created, started, its output read, inspected) goes this way
 * too: apply's upkeep in each database, status's and the panels' inspections, backups and restores run them.
 * Everything else that changes the engine stays a docker-java command.
 */
final class EngineJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DockerHttpClient http;

    EngineJson(DockerHttpClient http) {
        this.http = http;
    }

    /** The answer to {@code GET path}, or null when the engine has no such object (404). */
    JsonNode get(String path) {
        return exchange(getRequest(path), true,
                response -> JSON.readTree(response.getBody()));
    }

    /** The answer to {@code POST path} with a JSON body (a created object's id, say); fails on any answer but 2xx. */
    JsonNode post(String path, String jsonBody) {
        return exchange(jsonPost(path, jsonBody), false, response -> JSON.readTree(response.getBody()));
    }

    private static DockerHttpClient.Request getRequest(String path) {
        return DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET).path(path).build();
    }

    private static DockerHttpClient.Request jsonPost(String path, String jsonBody) {
        return DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST).path(path)
                .putHeader("Content-Type", "application/json")
                .body(new java.io.ByteArrayInputStream(jsonBody.getBytes(StandardCharsets.UTF_8))).build();
    }

    /**
     * The body of {@code GET path} as bytes (a tar archive of a container's file, say), or null on 404: docker-java's
     * archive command reads the same answer through its command and stream classes (Guava, Commons IO), which
     * {@code plan} would load from the jars at each start for one small file per database.
     */
    byte[] bytes(String path) {
        return exchange(getRequest(path), true,
                response -> response.getBody().readAllBytes());
    }

    /**
     * One header of the answer to {@code HEAD path} (a container path's stat, say), or null on 404 or when the
     * answer has no such header. docker-java's method enum has no HEAD; its request builder takes the name.
     */
    String headHeader(String path, String header) {
        return exchange(DockerHttpClient.Request.builder().method("HEAD").path(path).build(), true, response -> {
            for (var h : response.getHeaders().entrySet()) {
                if (h.getKey() != null && h.getKey().equalsIgnoreCase(header) && !h.getValue().isEmpty()) {
                    return h.getValue().get(0);
                }
            }
            return null;
        });
    }

    /** Reads an answer's body as it arrives (a stream that lasts as long as a command runs, say). */
    @FunctionalInterface
    interface BodyReader {
        void read(java.io.InputStream body) throws IOException;
    }

    /**
     * {@code POST path} with a JSON body whose answer is a stream, read by {@code reader} until the engine ends it
     * (an exec's output). docker-java's exec start binds its command object with Jackson's bean serializer and
     * reads the frames through its callback machinery: ~40 ms of a CLI start, cold, for a two-field body.
     */
    void postStreaming(String path, String jsonBody, BodyReader reader) {
        exchange(jsonPost(path, jsonBody), false, response -> {
            reader.read(response.getBody());
            return null;
        });
    }

    /** JSON the engine gave other than as an answer's body (a base64 header's content, say). */
    static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A query parameter's value, encoded. */
    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** What is read of a 2xx answer. */
    @FunctionalInterface
    private interface AnswerReader<T> {
        T read(DockerHttpClient.Response response) throws IOException;
    }

    /** A 2xx answer as {@code reader} reads it; null for a 404 where that means "no such object"; else fails with the engine's message. */
    private <T> T exchange(DockerHttpClient.Request request, boolean notFoundIsNull, AnswerReader<T> reader) {
        try (var response = http.execute(request)) {
            int status = response.getStatusCode();
            if (status == 404 && notFoundIsNull) {
                return null;
            }
            if (status / 100 != 2) {
                byte[] body = response.getBody() == null ? new byte[0] : response.getBody().readAllBytes();
                throw new IllegalStateException("Status " + status + ": " + message(body));
            }
            return reader.read(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The engine's error message: the JSON answer's {@code message}, else the answer as text. */
    private static String message(byte[] body) {
        try {
            JsonNode error = JSON.readTree(body);
            if (error != null && error.hasNonNull("message")) {
                return error.get("message").asText();
            }
        } catch (IOException notJson) {
            // a proxy's or an old engine's plain-text answer
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A JSON array of strings, each quoted and escaped. */
    static String array(java.util.List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (String v : values) {
            out.append(out.length() > 1 ? "," : "").append(quoted(v));
        }
        return out.append(']').toString();
    }

    /** {@code ?filters=…} selecting by one filter key (label, name) with one value, as the engine's API wants it. */
    static String filter(String key, String value) {
        String json = "{" + quoted(key) + ":[" + quoted(value) + "]}";
        return "filters=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    /** A path segment naming an object (a container or volume name, an image reference) safely. */
    static String segment(String name) {
        // names and references use [A-Za-z0-9_.:/@-]; anything else is encoded rather than trusted
        return name.matches("[A-Za-z0-9_.:/@-]+") ? name : URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A JSON object of strings (labels, say) as a map; empty for null or absent. */
    static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object != null && object.isObject()) {
            object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    /** A number field, 0 when absent or null. */
    static long number(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? 0 : v.asLong();
    }

    /** A text field, null when absent or null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
