package org.kaspa.aio.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.kaspa.aio.profile.HostAddress;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus's HTTP API (v1), through the endpoint this machine reaches it on: instant queries, range
 * queries, the firing alerts and the scrape targets. What {@code status}, the Status view's charts and the
 * engine tests read.
 */
public final class PrometheusApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Endpoint endpoint;

    public PrometheusApi(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** One series of a result: its labels and its value (instant) or values (range, oldest first). */
    public record Series(Map<String, String> labels, List<double[]> points) {
        public double last() {
            return points.isEmpty() ? Double.NaN : points.get(points.size() - 1)[1];
        }
    }

    /** An alert Prometheus holds: firing or pending, with its labels and summary. */
    public record Alert(String name, String state, Map<String, String> labels, String summary) {
    }

    /** One scrape target and whether its last scrape worked. */
    public record Target(String job, Map<String, String> labels, String health, String lastError) {
    }

    public List<Series> query(String promql) throws IOException {
        return series(get("/api/v1/query?query=" + encode(promql)).path("data").path("result"));
    }

    /** {@code promql} over the last {@code window}, one point per {@code step}. */
    public List<Series> queryRange(String promql, Duration window, Duration step) throws IOException {
        long end = System.currentTimeMillis() / 1000;
        return series(get("/api/v1/query_range?query=" + encode(promql) + "&start=" + (end - window.toSeconds()) + "&end=" + end
                + "&step=" + Math.max(1, step.toSeconds())).path("data").path("result"));
    }

    public List<Alert> alerts() throws IOException {
        List<Alert> out = new ArrayList<>();
        for (JsonNode a : get("/api/v1/alerts").path("data").path("alerts")) {
            Map<String, String> labels = strings(a.path("labels"));
            out.add(new Alert(labels.getOrDefault("alertname", "?"), a.path("state").asText(), labels,
                    a.path("annotations").path("summary").asText("")));
        }
        return out;
    }

    public List<Target> targets() throws IOException {
        List<Target> out = new ArrayList<>();
        for (JsonNode t : get("/api/v1/targets").path("data").path("activeTargets")) {
            out.add(new Target(t.path("labels").path("job").asText(), strings(t.path("labels")), t.path("health").asText(),
                    t.path("lastError").asText("")));
        }
        return out;
    }

    private JsonNode get(String pathAndQuery) throws IOException {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://" + HostAddress.forUrl(endpoint.host()) + ":"
                    + endpoint.port() + pathAndQuery)).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new IOException("Prometheus answered " + r.statusCode() + ": " + body.path("error").asText(r.body()));
            }
            return body;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static List<Series> series(JsonNode result) {
        List<Series> out = new ArrayList<>();
        for (JsonNode s : result) {
            List<double[]> points = new ArrayList<>();
            if (s.has("value")) {
                points.add(point(s.get("value")));
            }
            for (JsonNode v : s.path("values")) {
                points.add(point(v));
            }
            out.add(new Series(strings(s.path("metric")), points));
        }
        return out;
    }

    private static double[] point(JsonNode v) {
        return new double[]{v.get(0).asDouble(), Double.parseDouble(v.get(1).asText())};
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
