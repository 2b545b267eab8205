package dev.ratchet.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;

/** A small client of the planner's platform API, as a team's tooling would use it. */
public final class PlatformClient {

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public PlatformClient(String plannerUrl) {
        this.base = plannerUrl;
    }

    public JsonNode createSession(Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        return json(send(request, 201));
    }

    public JsonNode session(String id) {
        return json(get("/api/v1/sessions/" + id, Duration.ofSeconds(10)));
    }

    public JsonNode progress(String id, String after, long waitMs) {
        return json(get("/api/v1/sessions/" + id + "/progress?after=" + URLEncoder.encode(after,
                StandardCharsets.UTF_8) + "&waitMs=" + waitMs, Duration.ofMillis(waitMs + 10_000)));
    }

    public String file(String id, String name) {
        return get("/api/v1/sessions/" + id + "/files/" + name, Duration.ofSeconds(10));
    }

    private String get(String path, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET().build(), 200);
    }

    private String send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    /** True when {@code url}/q/health/ready answers 200. */
    public static boolean isReady(String url) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            return http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
