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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Real HTTP calls against a started simulator, plus helpers to read its answers. */
final class SimulatorHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Bound on every call and every awaited event. Answers in these tests take milliseconds; a pacing bug that
     * applies an hour-long default instead fails the test at this bound rather than hanging the build.
     */
    static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SimulatorHttp() {
    }

    /** A server for the scenario that answers at once: no time to first token, 100,000 pseudo-tokens a second. */
    static SimulatedModelServer instant(String scenarioJson) throws IOException {
        return SimulatedModelServer.start(SimulatorConfig.defaults(Scenario.fromJson(scenarioJson))
                .withTimeToFirstToken(Duration.ZERO).withTokensPerSecond(100_000));
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
        return send(chatRequest(server, body));
    }

    private static HttpRequest chatRequest(SimulatedModelServer server, String body) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
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
        events(response.body()).forEach(payload -> content.append(deltaContent(payload)));
        return content.toString();
    }

    /** The whole response, within {@link #WAIT}: the request timeout alone covers only the headers. */
    private static HttpResponse<String> send(HttpRequest request) {
        CompletableFuture<HttpResponse<String>> response = CLIENT.sendAsync(request,
                HttpResponse.BodyHandlers.ofString());
        try {
            return response.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? new UncheckedIOException(io)
                    : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new AssertionError("no complete answer within " + WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A streamed answer read as it arrives, so a test can act between two events (close the server after the
     * first token, say) and see exactly what had been sent by then.
     */
    static final class LiveStream {

        private final BlockingQueue<Optional<String>> payloads = new LinkedBlockingQueue<>();

        LiveStream(SimulatedModelServer server, String body) {
            HttpRequest request = chatRequest(server, body);
            Thread reader = new Thread(() -> read(request), "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(HttpRequest request) {
            try (Stream<String> lines = CLIENT.send(request, HttpResponse.BodyHandlers.ofLines()).body()) {
                lines.filter(line -> line.startsWith("data: "))
                        .forEach(line -> payloads.add(Optional.of(line.substring("data: ".length()))));
            } catch (IOException | UncheckedIOException e) {
                // The server went away mid-answer: what arrived before is what counts.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                payloads.add(Optional.empty());
            }
        }

        /** The next event's payload, or empty once the stream has ended; fails after {@link #WAIT}. */
        Optional<String> next() throws InterruptedException {
            Optional<String> payload = payloads.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (payload == null) {
                throw new AssertionError("no event and no end of the stream within " + WAIT.toSeconds() + " s");
            }
            return payload;
        }

        /** The content of the next event that has some, or empty once the answer is over ([DONE] or the end). */
        Optional<String> nextContent() throws InterruptedException {
            for (Optional<String> payload = next(); payload.isPresent() && !payload.get().equals("[DONE]");
                    payload = next()) {
                String text = deltaContent(payload.get());
                if (!text.isEmpty()) {
                    return Optional.of(text);
                }
            }
            return Optional.empty();
        }
    }

    private static String deltaContent(String payload) {
        if (payload.equals("[DONE]")) {
            return "";
        }
        StringBuilder content = new StringBuilder();
        json(payload).path("choices").forEach(choice -> content.append(choice.path("delta").path("content").asText("")));
        return content.toString();
    }
}
