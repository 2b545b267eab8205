package dev.ratchet.planner.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A client of an event stream, as a browser's {@code EventSource} reads one: lines parsed by the SSE rules into
 * events and comments on a thread of its own, until the server ends the stream or {@link #close} is called.
 */
final class SseStream implements AutoCloseable {

    record Event(String id, String name, String data) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final Stream<String> lines;
    private final Thread reader;
    private volatile boolean ended;
    private volatile boolean closing;

    private SseStream(HttpResponse<Stream<String>> response) {
        this.lines = response.body();
        this.reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream; returns once the answer's headers are in, after checking they are an event stream's. */
    static SseStream open(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        try {
            HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() != 200 || !type.startsWith("text/event-stream")) {
                String body = String.join("\n", response.body().toList());
                throw new AssertionError("GET " + uri + " answered " + response.statusCode() + " " + type + ": "
                        + body);
            }
            return new SseStream(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<String> ids() {
        return events.stream().map(Event::id).toList();
    }

    List<String> comments() {
        return List.copyOf(comments);
    }

    /** True once the server ended the stream. */
    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        closing = true;
        lines.close();
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = null;
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
            ended = !closing;
        } catch (UncheckedIOException | IllegalStateException e) {
            // closed by the test
        }
    }
}
