package org.kaspa.aio.health;

import org.kaspa.aio.profile.HostAddress;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Readiness of an HTTP service through its published port: its ready endpoint answers 200 (Prometheus's
 * {@code /-/ready}, Grafana's {@code /api/health}). Anything else, or no answer, is not ready yet.
 */
public record HttpReadinessCheck(Endpoint endpoint, String path) implements ReadinessCheck {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public Readiness probe() {
        try {
            HttpResponse<Void> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + HostAddress.forUrl(endpoint.host()) + ":"
                    + endpoint.port() + path)).timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? Readiness.ACCEPTING : Readiness.REJECTING;
        } catch (IOException e) {
            return Readiness.NO_RESPONSE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Readiness.NO_RESPONSE;
        }
    }

    @Override
    public String describe() {
        return "answers " + path + " on " + endpoint.describe();
    }

    @Override
    public String readyWords() {
        return "ready";
    }
}
