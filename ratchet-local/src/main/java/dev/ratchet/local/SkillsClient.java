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
public final class SkillsClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PAGE = 500;

    private final ApiEndpoint registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public SkillsClient(ApiEndpoint registry) {
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
            JsonNode page = page(cursor, PAGE);
            page.path("items").forEach(item -> names.add(item.path("name").asText()));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return names;
    }

    /** One page of the list, as the registry answers it ({@code items}, {@code nextCursor}). */
    public JsonNode page(String cursor, int limit) {
        return Json.read(get("/api/v1/skills?limit=" + limit + (cursor == null ? "" : "&cursor="
                + URLEncoder.encode(cursor, StandardCharsets.UTF_8))), JsonNode.class);
    }

    /** A person's search: skills ranked for {@code query}, with scores and why each matched. */
    public JsonNode search(String query, int limit) {
        return Json.read(get("/api/v1/skills/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&limit=" + limit), JsonNode.class);
    }

    /** The latest version's SKILL.md as stored. */
    public String skillMd(String name) {
        return get("/api/v1/skills/" + name + "/SKILL.md");
    }

    /** The registry's matches for a goal in a repository (the planner's question). */
    JsonNode match(String goal, String repo) {
        return Json.read(post("/api/v1/skills/search", Json.write(Map.of("goal", goal, "repo", repo))),
                JsonNode.class);
    }

    /** A person's approval of a skill: trusted until replays after it fail too often. */
    public JsonNode trust(String name) {
        return Json.read(post("/api/v1/skills/" + name + "/trust", null), JsonNode.class);
    }

    /** A person's trust withdrawn: a candidate again until replays after it earn trust, or a person trusts it. */
    public JsonNode untrust(String name) {
        return Json.read(delete("/api/v1/skills/" + name + "/trust"), JsonNode.class);
    }

    /** One skill: status and its reason, versions, statistics. */
    public JsonNode skill(String name) {
        return Json.read(get("/api/v1/skills/" + name), JsonNode.class);
    }

    byte[] archive(String name) {
        HttpResponse<byte[]> response = send(registry.request("/api/v1/skills/" + name + "/archive").timeout(TIMEOUT)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new ApiRefused("GET " + response.uri(), response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private String get(String path) {
        return answered(registry.request(path).timeout(TIMEOUT).GET().build());
    }

    private String post(String path, String json) {
        HttpRequest.Builder request = registry.request(path).timeout(TIMEOUT);
        return answered((json == null ? request.POST(HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)))
                .build());
    }

    private String delete(String path) {
        return answered(registry.request(path).timeout(TIMEOUT).DELETE().build());
    }

    /** The body of a 200 answer; any other status is {@link ApiRefused} naming the method and address. */
    private String answered(HttpRequest request) {
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new ApiRefused(request.method() + " " + response.uri(), response.statusCode(), response.body());
        }
        return response.body();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        return PlatformClient.send(http, request, body);
    }
}
