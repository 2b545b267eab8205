package dev.ratchet.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Real HTTP calls against a started simulator, plus helpers to read its answers. */
final class SimulatorHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SimulatorHttp() {
    }

    static String chatBody(String model, boolean stream, String... userMessages) {
        ObjectNode root = JSON.createObjectNode().put("model", model);
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "system").put("content", "You are a test.");
        for (String message : userMessages) {
            messages.addObject().put("role", "user").put("content", message);
        }
        if (stream) {
            root.put("stream", true);
            root.putObject("stream_options").put("include_usage", true);
        }
        return root.toString();
    }

    static HttpResponse<String> post(SimulatedModelServer server, String body) {
        return send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static HttpResponse<String> get(SimulatedModelServer server, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build());
    }

    /** The payloads of the events of an SSE body, after checking every event is exactly one data line. */
    static List<String> events(String sseBody) {
        if (!sseBody.endsWith("\n\n")) {
            throw new AssertionError("SSE body does not end with a blank line: " + sseBody);
        }
        List<String> payloads = new ArrayList<>();
        for (String event : sseBody.substring(0, sseBody.length() - 2).split("\n\n", -1)) {
            if (!event.startsWith("data: ") || event.contains("\n")) {
                throw new AssertionError("not a single data line: " + event);
            }
            payloads.add(event.substring("data: ".length()));
        }
        return payloads;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String errorMessage(HttpResponse<String> response) {
        return json(response.body()).path("error").path("message").asText();
    }

    /** The content of a streamed or plain answer. */
    static String content(HttpResponse<String> response) {
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            return json(response.body()).path("choices").path(0).path("message").path("content").asText();
        }
        StringBuilder content = new StringBuilder();
        for (String payload : events(response.body())) {
            if (!payload.equals("[DONE]")) {
                json(payload).path("choices").forEach(choice -> content.append(choice.path("delta").path("content").asText("")));
            }
        }
        return content.toString();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
