package dev.ratchet.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;

/** A small client of the planner's platform API, as a team's tooling would use it. */
public final class PlatformClient {

    /** One progress event of a session: its {@code id} to resume after, its type, and the entry as JSON. */
    public record Event(String id, String type, JsonNode data) {

        /** The session's last event: {@code session.completed}, {@code session.failed} or {@code session.cancelled}. */
        public boolean terminal() {
            return "session.completed".equals(type) || "session.failed".equals(type)
                    || "session.cancelled".equals(type);
        }
    }

    private final ApiEndpoint planner;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public PlatformClient(ApiEndpoint planner) {
        this.planner = planner;
    }

    public JsonNode createSession(Object body) {
        return json(send(withBody("/api/v1/sessions").POST(body(body)).build(), 201));
    }

    /** {@code GET .../plan}: the plan as it stands, with the session's status and approval. */
    public JsonNode plan(String id) {
        return json(get("/api/v1/sessions/" + id + "/plan", Duration.ofSeconds(10)));
    }

    /** {@code PUT .../plan}: replaces the plan of a session that waits for approval. */
    public JsonNode editPlan(String id, Object plan) {
        return json(send(withBody("/api/v1/sessions/" + id + "/plan").PUT(body(plan)).build(), 200));
    }

    /** {@code POST .../plan/approve}: the session runs. */
    public JsonNode approve(String id) {
        return json(send(planner.request("/api/v1/sessions/" + id + "/plan/approve")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(), 200));
    }

    /** {@code POST .../steer}: the directives as the session numbered them ({@code 202}). */
    public JsonNode steer(String id, Object request) {
        return json(send(withBody("/api/v1/sessions/" + id + "/steer").POST(body(request)).build(), 202));
    }

    /** {@code GET .../patch}: the result branch as a patch series (it writes the branch if it is missing). */
    public String patch(String id) {
        return get("/api/v1/sessions/" + id + "/patch", Duration.ofSeconds(60));
    }

    /** {@code GET .../patch?step=}: one verified step's commit as a patch. */
    public String patch(String id, String step) {
        return get("/api/v1/sessions/" + id + "/patch?step=" + URLEncoder.encode(step, StandardCharsets.UTF_8),
                Duration.ofSeconds(60));
    }

    private HttpRequest.Builder withBody(String path) {
        return planner.request(path).header("Content-Type", "application/json").timeout(Duration.ofSeconds(30));
    }

    private static HttpRequest.BodyPublisher body(Object body) {
        return HttpRequest.BodyPublishers.ofString(Json.write(body));
    }

    /** A new key for {@code team} (the answer holds its token, shown once); needs an admin key. */
    public JsonNode createKey(String team, boolean admin) {
        HttpRequest request = planner.request("/api/v1/keys").header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(body(Map.of("team", team, "admin", admin))).build();
        return json(send(request, 201));
    }

    public JsonNode keys() {
        return json(get("/api/v1/keys", Duration.ofSeconds(10)));
    }

    public void revokeKey(String id) {
        send(planner.request("/api/v1/keys/" + id).timeout(Duration.ofSeconds(10)).DELETE().build(), 204);
    }

    /** {@code GET /api/v1/sessions} with the query's filters ({@code status}, {@code repo}, {@code limit}...). */
    public JsonNode sessions(Map<String, String> query) {
        StringBuilder path = new StringBuilder("/api/v1/sessions");
        query.forEach((name, value) -> path.append(path.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return json(get(path.toString(), Duration.ofSeconds(10)));
    }

    public JsonNode session(String id) {
        return json(get("/api/v1/sessions/" + id, Duration.ofSeconds(10)));
    }

    /**
     * Follows the session's Server-Sent Events after {@code lastEventId} (null: from its first) until the server
     * ends the stream (after the session's terminal event), the connection drops, or {@code maxWait} has passed.
     *
     * @return the id of the last event seen, to resume after; {@code lastEventId} when none came
     */
    public String followEvents(String id, String lastEventId, Duration maxWait, Consumer<Event> onEvent) {
        HttpRequest.Builder request = planner.request("/api/v1/sessions/" + id + "/events")
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = send(request.build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() != 200) {
                throw new ApiRefused("GET " + response.uri(), response.statusCode(), String.join("\n", lines.toList()));
            }
            CompletableFuture.delayedExecutor(maxWait.toMillis(), TimeUnit.MILLISECONDS).execute(lines::close);
            return readEvents(lines.iterator(), lastEventId, onEvent);
        }
    }

    /** Applies the SSE rules: fields until a blank line make an event; comments (heartbeats) are skipped. */
    private static String readEvents(Iterator<String> lines, String lastEventId, Consumer<Event> onEvent) {
        String last = lastEventId;
        String eventId = null;
        String type = null;
        StringBuilder data = new StringBuilder();
        try {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        onEvent.accept(new Event(eventId, type, json(data.toString())));
                        last = eventId;
                    }
                    type = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    eventId = value(line);
                } else if (line.startsWith("event:")) {
                    type = value(line);
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(value(line));
                }
            }
        } catch (UncheckedIOException e) {
            // the connection dropped or maxWait passed: the caller resumes after the last event seen
        }
        return last;
    }

    public String file(String id, String name) {
        return get("/api/v1/sessions/" + id + "/files/" + name, Duration.ofSeconds(10));
    }

    private String get(String path, Duration timeout) {
        return send(planner.request(path).timeout(timeout).GET().build(), 200);
    }

    private String send(HttpRequest request, int expected) {
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new ApiRefused(request.method() + " " + request.uri(), response.statusCode(), response.body());
        }
        return response.body();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        return send(http, request, body);
    }

    /** The request's answer; a failed connection or an interruption as an unchecked exception naming it. */
    static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new ApiUnreachable(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A field's value: after the colon, without the one space that may follow it. */
    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
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
