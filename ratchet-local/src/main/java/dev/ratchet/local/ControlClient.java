package dev.ratchet.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Asks a running launcher's {@link ControlServer} to restart, kill, start or stop one part. */
final class ControlClient {

    /** A service restart waits up to 3 minutes for readiness, after up to 10 s of graceful stop. */
    private static final Duration ACTION_TIMEOUT = Duration.ofMinutes(4);

    /** The endpoint's answer: its status and its line of text. */
    record Reply(int status, String text) {

        boolean ok() {
            return status == 200;
        }
    }

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ControlClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The client of the cluster whose state {@code .ratchet/cluster.json} holds, if it has a control endpoint. */
    static Optional<ControlClient> of(Map<String, Object> state) {
        Object url = state.get(ClusterState.CONTROL);
        Object token = state.get(ClusterState.TOKEN);
        return url instanceof String u && token instanceof String t ? Optional.of(new ControlClient(URI.create(u), t))
                : Optional.empty();
    }

    Reply act(String part, String action) {
        String path = "/parts/" + URLEncoder.encode(part, StandardCharsets.UTF_8) + "/" + action;
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Reply parts() {
        return send(HttpRequest.newBuilder(base.resolve("/parts")).GET());
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.header(ControlServer.TOKEN_HEADER, token)
                    .timeout(ACTION_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body().strip());
        } catch (IOException e) {
            return new Reply(503, "the launcher at " + base + " does not answer (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(503, "interrupted");
        }
    }
}
