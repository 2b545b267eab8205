package dev.ratchet.local;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;

/** A small client of the skills registry's API: upload a folder as a zip, list the names, fetch an archive. */
final class SkillsClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PAGE = 500;

    private final ApiEndpoint registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    SkillsClient(ApiEndpoint registry) {
        this.registry = registry;
    }

    /** The status and the JSON answer (the upload's outcome, or a problem). */
    record Answer(int status, JsonNode body) {
    }

    Answer upload(byte[] zip) {
        HttpRequest request = registry.request("/api/v1/skills")
                .header("Content-Type", "application/zip").timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), Json.read(response.body(), JsonNode.class));
    }

    /** Every skill's name, page by page. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            String query = "?limit=" + PAGE + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor,
                    StandardCharsets.UTF_8));
            JsonNode page = Json.read(get("/api/v1/skills" + query), JsonNode.class);
            page.path("items").forEach(item -> names.add(item.path("name").asText()));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return names;
    }

    /** The registry's matches for a goal in a repository (the planner's question). */
    JsonNode match(String goal, String repo) {
        return Json.read(post("/api/v1/skills/search", Json.write(Map.of("goal", goal, "repo", repo))),
                JsonNode.class);
    }

    /** A person's approval of a skill: trusted until replays after it fail too often. */
    JsonNode trust(String name) {
        return Json.read(post("/api/v1/skills/" + name + "/trust", null), JsonNode.class);
    }

    /** One skill: status and its reason, versions, statistics. */
    JsonNode skill(String name) {
        return Json.read(get("/api/v1/skills/" + name), JsonNode.class);
    }

    byte[] archive(String name) {
        HttpResponse<byte[]> response = send(registry.request("/api/v1/skills/" + name + "/archive").timeout(TIMEOUT)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + response.uri() + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private String get(String path) {
        HttpResponse<String> response = send(registry.request(path).timeout(TIMEOUT).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + response.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private String post(String path, String json) {
        HttpRequest.Builder request = registry.request(path).timeout(TIMEOUT);
        HttpResponse<String> response = send((json == null ? request.POST(HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + response.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        return PlatformClient.send(http, request, body);
    }
}
