package dev.ratchet.simulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.ratchet.simulator.SimulatorHttp.chatBody;
import static dev.ratchet.simulator.SimulatorHttp.content;
import static dev.ratchet.simulator.SimulatorHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

class PacingTest {

    @Test
    void tokensArriveNoFasterThanTheConfiguredRate() throws IOException {
        String content = String.join(" ", Collections.nCopies(2_000, "word"));
        assertThat(PseudoTokenizer.count(content)).isEqualTo(2_000);
        Scenario scenario = Scenario.fromJson("{\"rules\": [{\"name\": \"long\", \"response\": {\"content\": \""
                + content + "\"}}]}");
        SimulatorConfig config = SimulatorConfig.defaults(scenario).withTokensPerSecond(20_000)
                .withTimeToFirstToken(Duration.ZERO);

        try (SimulatedModelServer server = SimulatedModelServer.start(config)) {
            long start = System.nanoTime();
            HttpResponse<String> response = post(server, chatBody("executor", true, "go"));
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(content(response)).isEqualTo(content);
            // The last of 2,000 tokens is due 1,999 / 20,000 s = ~100 ms after the start.
            assertThat(elapsedMs).isGreaterThanOrEqualTo(90);
        }
    }

    @Test
    void ruleTimingOverridesTheServerDefaults() throws IOException {
        Scenario scenario = Scenario.fromJson("""
                {"rules": [{"name": "slow start", "response": {"content": "a b c", "ttftMs": 150, "tokensPerSecond": 1e6}}]}
                """);

        try (SimulatedModelServer server = SimulatedModelServer.start(SimulatorConfig.defaults(scenario))) {
            long start = System.nanoTime();
            post(server, chatBody("executor", false, "go"));

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(150);
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.requestCount() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        server.close();

        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(answer).failsWithin(Duration.ofSeconds(10));
    }
}
