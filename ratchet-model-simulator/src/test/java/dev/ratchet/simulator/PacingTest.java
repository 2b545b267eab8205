package dev.ratchet.simulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static dev.ratchet.simulator.SimulatorHttp.WAIT;
import static dev.ratchet.simulator.SimulatorHttp.chatBody;
import static dev.ratchet.simulator.SimulatorHttp.content;
import static dev.ratchet.simulator.SimulatorHttp.json;
import static dev.ratchet.simulator.SimulatorHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pacing without measuring time: rates are chosen so that what must not have happened yet is tens of seconds to
 * hours away, and the tests assert what was sent (which tokens, in which chunks), never how long it took.
 */
class PacingTest {

    /** Due times of later tokens are 100 s apart: a second token cannot be due while a test looks. */
    private static final double SLOW = 0.01;
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void eachTokenIsDueOneIntervalAfterTheLast() {
        Pace pace = Pace.startingAt(1_000, Duration.ofMillis(50), 20_000);

        assertThat(pace.dueNanos(0)).isEqualTo(1_000 + 50_000_000);
        assertThat(pace.dueNanos(1)).isEqualTo(1_000 + 50_000_000 + 50_000);
        // the last of 2,000 tokens: 1,999 / 20,000 s after the first
        assertThat(pace.dueNanos(1_999)).isEqualTo(1_000 + 50_000_000 + 99_950_000);
    }

    @Test
    void tokensThatAreNotDueYetAreNotSent() throws Exception {
        Scenario scenario = Scenario.fromJson("""
                {"rules": [{"name": "slow", "response": {"content": "one two three four five six"}}]}
                """);
        SimulatorConfig config = SimulatorConfig.defaults(scenario).withTokensPerSecond(SLOW)
                .withTimeToFirstToken(Duration.ZERO);
        try (SimulatedModelServer server = SimulatedModelServer.start(config)) {
            SimulatorHttp.LiveStream stream = new SimulatorHttp.LiveStream(server, chatBody("executor", true, "go"));

            // The first token is due at once and goes out alone; the second is due 100 s later.
            assertThat(stream.nextContent()).contains("one");
            server.close();

            assertThat(stream.nextContent()).as("content sent after the first token").isEmpty();
        }
    }

    @Test
    void everythingAlreadyDueGoesOutInOneChunk() throws Exception {
        Scenario scenario = Scenario.fromJson("""
                {"rules": [{"name": "fast", "response": {"content": "one two three four five six"}}]}
                """);
        SimulatorConfig config = SimulatorConfig.defaults(scenario).withTokensPerSecond(1e9)
                .withTimeToFirstToken(Duration.ZERO);

        try (SimulatedModelServer server = SimulatedModelServer.start(config)) {
            SimulatorHttp.LiveStream stream = new SimulatorHttp.LiveStream(server, chatBody("executor", true, "go"));

            // at 1e9 tokens/s all six are due by the time the first is written: one chunk, not six
            assertThat(stream.nextContent()).contains("one two three four five six");
            assertThat(stream.nextContent()).isEmpty();
        }
    }

    @Test
    void noContentIsSentBeforeTheRulesTimeToFirstToken() throws Exception {
        Scenario scenario = Scenario.fromJson("""
                {"rules": [{"name": "slow start", "response": {"content": "a b c", "ttftMs": 3600000}}]}
                """);
        SimulatorConfig config = SimulatorConfig.defaults(scenario).withTokensPerSecond(1e6)
                .withTimeToFirstToken(Duration.ZERO);
        try (SimulatedModelServer server = SimulatedModelServer.start(config)) {
            SimulatorHttp.LiveStream stream = new SimulatorHttp.LiveStream(server, chatBody("executor", true, "go"));

            // The role chunk goes out with the headers; the content is due in an hour.
            assertThat(stream.next()).hasValueSatisfying(role -> assertThat(
                    json(role).path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant"));
            server.close();

            assertThat(stream.nextContent()).as("content sent before its time to first token").isEmpty();
        }
    }

    @Test
    void ruleTimingOverridesTheServerDefaults() throws IOException {
        // Server defaults that would take hours; the rule's own timing makes the answer immediate.
        Scenario scenario = Scenario.fromJson("""
                {"rules": [{"name": "quick", "response": {"content": "a b c", "ttftMs": 0, "tokensPerSecond": 1e6}}]}
                """);
        SimulatorConfig config = SimulatorConfig.defaults(scenario).withTokensPerSecond(SLOW)
                .withTimeToFirstToken(HOUR);

        try (SimulatedModelServer server = SimulatedModelServer.start(config)) {
            assertThat(content(post(server, chatBody("executor", true, "go")))).isEqualTo("a b c");
            assertThat(content(post(server, chatBody("executor", false, "go")))).isEqualTo("a b c");
        }
    }

    @Test
    void closeAbortsAnswersStillInProgress() throws Exception {
        Scenario scenario = Scenario.fromJson("""
                {"rules": [{"name": "endless", "response": {"content": "one two three four five six", "tokensPerSecond": 0.01}}]}
                """);
        SimulatedModelServer server = SimulatedModelServer.start(SimulatorConfig.defaults(scenario));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(chatBody("executor", true, "go"))).build();
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString());
        await().atMost(WAIT).until(() -> server.requestCount() == 1);

        server.close();

        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(answer).failsWithin(WAIT);
    }
}
