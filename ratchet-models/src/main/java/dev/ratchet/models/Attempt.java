package dev.ratchet.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One HTTP attempt: send the request, read the streamed answer before the deadline, or say why not. */
final class Attempt {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY_BYTES = 16 * 1024;
    private static final int MAX_ERROR_MESSAGE_CHARS = 500;

    private final HttpClient http;
    private final ModelSettings settings;

    Attempt(HttpClient http, ModelSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    ChatResult run(byte[] body, long callStartNanos, int attempt) throws AttemptFailure {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        HttpResponse<InputStream> response = send(body);
        try (InputStream in = response.body(); StreamWatchdog watchdog = new StreamWatchdog(in, deadline)) {
            try {
                if (response.statusCode() / 100 != 2) {
                    throw httpError(response, in);
                }
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (!type.isEmpty() && !type.startsWith("text/event-stream")) {
                    throw AttemptFailure.permanent("expected a text/event-stream answer but got " + type, null);
                }
                return read(in, watchdog, callStartNanos, attempt);
            } catch (IOException e) {
                if (watchdog.expired()) {
                    throw timedOut(e);
                }
                throw AttemptFailure.transientFailure("stream broken: " + describe(e), e);
            }
        } catch (IOException e) {
            throw AttemptFailure.transientFailure("could not close the response: " + describe(e), e);
        }
    }

    private HttpResponse<InputStream> send(byte[] body) throws AttemptFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.chatCompletionsUrl())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        settings.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        settings.request().headers().forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw timedOut(e);
        } catch (IOException e) {
            throw AttemptFailure.transientFailure("connection failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AttemptFailure.permanent("interrupted while waiting for the model", e);
        }
    }

    private ChatResult read(InputStream in, StreamWatchdog watchdog, long callStartNanos, int attempt)
            throws IOException, AttemptFailure {
        ChatStreamParser parser = new ChatStreamParser();
        long firstOutput = -1;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        try {
            while (!parser.isDone() && (line = reader.readLine()) != null) {
                parser.feed(line);
                if (firstOutput < 0 && parser.hasOutput()) {
                    firstOutput = System.nanoTime();
                }
            }
        } catch (ChatStreamException e) {
            throw AttemptFailure.transientFailure(e.getMessage(), e);
        }
        if (watchdog.expired()) {
            throw timedOut(null);
        }
        if (!parser.isComplete()) {
            throw AttemptFailure.transientFailure("stream ended before [DONE] or a finish_reason", null);
        }
        long end = System.nanoTime();
        long totalMs = TimeUnit.NANOSECONDS.toMillis(end - callStartNanos);
        long ttftMs = firstOutput < 0 ? totalMs : TimeUnit.NANOSECONDS.toMillis(firstOutput - callStartNanos);
        return parser.result(ttftMs, totalMs, attempt);
    }

    private AttemptFailure httpError(HttpResponse<InputStream> response, InputStream in) throws IOException {
        String text = new String(in.readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8).strip();
        return AttemptFailure.httpStatus(response.statusCode(), errorMessage(text), retryAfter(response));
    }

    /** OpenAI-style {@code {"error": {"message": ...}}} when it is one, else the body itself. */
    private static String errorMessage(String body) {
        try {
            JsonNode message = JSON.readTree(body).path("error").path("message");
            if (message.isTextual()) {
                return message.textValue();
            }
        } catch (IOException e) {
            // Not JSON: a proxy's HTML or plain text page; show it as it is.
        }
        if (body.isEmpty()) {
            return "(empty body)";
        }
        return body.length() <= MAX_ERROR_MESSAGE_CHARS ? body : body.substring(0, MAX_ERROR_MESSAGE_CHARS) + "...";
    }

    /** Only the delay-seconds form; an HTTP-date is rare from model servers and falls back to the backoff. */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                double seconds = Double.parseDouble(value.strip());
                return seconds >= 0 ? Optional.of(Duration.ofMillis((long) (seconds * 1000))) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private AttemptFailure timedOut(Throwable cause) {
        return AttemptFailure.transientFailure("no complete answer within " + settings.timeout().toMillis() + " ms", cause);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
