package dev.ratchet.models;

import dev.ratchet.simulator.Scenario;
import dev.ratchet.simulator.SimulatedModelServer;
import dev.ratchet.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The client against the SIMULATED model server, over real HTTP. */
class ChatClientSimulatorTest {

    private static final ChatRequest COUNT = ChatRequest.of(ChatMessage.system("Be brief."), ChatMessage.user("count to four"));
    /**
     * Per-attempt timeout of the tests that time an attempt out. An answer that should arrive takes milliseconds,
     * so 2 s leaves a slow, shared machine ample room; what should time out stalls for 10 minutes (the server's
     * close ends it), so no timing on either side decides the outcome.
     */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    private static final int STALL_MS = 600_000;
    private static final ChatRequest LIMITED = new ChatRequest(List.of(ChatMessage.user("patch it")), 4096, null, false);
    private static final String REJECTS_MAX_TOKENS = """
            {"rejectMaxTokensFor": ["gpt-5"], "rules": [{"name": "patch", "response": {"content": "patched"}}]}
            """;

    private SimulatedModelServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ChatClient client(String scenarioJson, Duration timeout, int maxRetries) throws IOException {
        server = SimulatedModelServer.start(SimulatorConfig.defaults(Scenario.fromJson(scenarioJson))
                .withTimeToFirstToken(Duration.ZERO).withTokensPerSecond(100_000));
        return new ChatClient(new ModelSettings("executor", server.baseUrl(), "fast-coder", Optional.empty(), timeout,
                maxRetries, Duration.ofMillis(1), Duration.ofMillis(20)));
    }

    @Test
    void streamedAnswerRoundTrips() throws Exception {
        ChatClient client = client("""
                {"rules": [{"name": "count", "match": {"model": "fast", "contains": ["count to four"]},
                  "response": {"content": "one two three four", "ttftMs": 80, "tokensPerSecond": 5000}}]}
                """, Duration.ofSeconds(5), 0);

        ChatResult result = client.complete(COUNT);

        assertThat(result.content()).isEqualTo("one two three four");
        assertThat(result.model()).isEqualTo("simulated:fast-coder");
        assertThat(result.finishReason()).isEqualTo("stop");
        assertThat(result.refusal()).isNull();
        // Pseudo-tokens: "one"," two"," thre","e"," four" and "Be"," brie","f",".","\ncoun","t"," to"," four".
        assertThat(result.usage()).isEqualTo(new Usage(8, 5, 13));
        assertThat(result.timeToFirstTokenMs()).isNotNegative().isLessThanOrEqualTo(result.totalMs());
        assertThat(result.attempts()).isEqualTo(1);
    }

    @Test
    void overloadedOnceIsRetried() throws Exception {
        ChatClient client = client("""
                {"rules": [{"name": "busy", "times": 1, "response": {"status": 503, "errorMessage": "overloaded"}},
                           {"name": "ok", "response": {"content": "done"}}]}
                """, Duration.ofSeconds(5), 3);

        ChatResult result = client.complete(COUNT);

        assertThat(result.content()).isEqualTo("done");
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void rateLimitIsRetried() throws Exception {
        ChatClient client = client("""
                {"rules": [{"name": "limited", "times": 2, "response": {"status": 429}},
                           {"name": "ok", "response": {"content": "done"}}]}
                """, Duration.ofSeconds(5), 3);

        assertThat(client.complete(COUNT).attempts()).isEqualTo(3);
    }

    @Test
    void badRequestFailsAtOnceWithTheServerMessage() throws Exception {
        ChatClient client = client("""
                {"rules": [{"name": "bad", "response": {"status": 400, "errorMessage": "context too long"}}]}
                """, Duration.ofSeconds(5), 3);

        ModelCallException e = catchThrowableOfType(ModelCallException.class, () -> client.complete(COUNT));

        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.lastStatus()).isEqualTo(OptionalInt.of(400));
        assertThat(e.getMessage()).isEqualTo("executor model 'fast-coder' at " + server.baseUrl()
                + " failed after 1 attempt: HTTP 400: simulated model: context too long");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void persistentServerErrorFailsAfterAllRetries() throws Exception {
        ChatClient client = client("""
                {"rules": [{"name": "broken", "response": {"status": 500}}]}
                """, Duration.ofSeconds(5), 2);

        ModelCallException e = catchThrowableOfType(ModelCallException.class, () -> client.complete(COUNT));

        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.lastStatus()).isEqualTo(OptionalInt.of(500));
        assertThat(e.getMessage()).isEqualTo("executor model 'fast-coder' at " + server.baseUrl()
                + " failed after 3 attempts: HTTP 500: simulated model: internal server error");
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void defaultSettingsSendMaxCompletionTokensWhichAModelRejectingMaxTokensAccepts() throws Exception {
        client(REJECTS_MAX_TOKENS, Duration.ofSeconds(5), 3);
        ModelSettings defaults = new ModelSettings("executor", server.baseUrl(), "gpt-5.4", Optional.empty(),
                Duration.ofSeconds(5), 3, Duration.ofMillis(1), Duration.ofMillis(20));

        ChatResult result = new ChatClient(defaults).complete(LIMITED);

        assertThat(result.content()).isEqualTo("patched");
        assertThat(result.model()).isEqualTo("simulated:gpt-5.4");
    }

    @Test
    void maxTokensConfiguredAgainstSuchAModelFailsAtOnceWithOpenAisMessage() throws Exception {
        client(REJECTS_MAX_TOKENS, Duration.ofSeconds(5), 3);
        ModelSettings oldField = new ModelSettings("executor", server.baseUrl(), "gpt-5.4", Optional.empty(),
                Duration.ofSeconds(5), 3, Duration.ofMillis(1), Duration.ofMillis(20),
                RequestSettings.DEFAULTS.withTokenLimitField(TokenLimitField.MAX_TOKENS));

        ModelCallException e = catchThrowableOfType(ModelCallException.class, () -> new ChatClient(oldField).complete(LIMITED));

        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.lastStatus()).isEqualTo(OptionalInt.of(400));
        assertThat(e.getMessage()).isEqualTo("executor model 'gpt-5.4' at " + server.baseUrl() + " failed after 1 attempt: "
                + "HTTP 400: simulated model: Unsupported parameter: 'max_tokens' is not supported with this model. "
                + "Use 'max_completion_tokens' instead.");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void stallBeforeTheHeadersIsAbortedAndRetried() throws Exception {
        ChatClient client = client("""
                {"rules": [{"name": "stall", "times": 1, "response": {"content": "late", "stallMs": %d}},
                           {"name": "ok", "response": {"content": "on time"}}]}
                """.formatted(STALL_MS), ATTEMPT_TIMEOUT, 1);

        ChatResult result = client.complete(COUNT);

        assertThat(result.content()).isEqualTo("on time");
        assertThat(result.attempts()).isEqualTo(2);
    }

    @Test
    void streamStalledHalfwayIsAbortedAndRetried() throws Exception {
        ChatClient client = client("""
                {"rules": [{"name": "crawl", "times": 1, "response": {"content": "a b c d e f g h", "tokensPerSecond": 0.01}},
                           {"name": "ok", "response": {"content": "fast"}}]}
                """, ATTEMPT_TIMEOUT, 1);

        ChatResult result = client.complete(COUNT);

        assertThat(result.content()).isEqualTo("fast");
        assertThat(result.attempts()).isEqualTo(2);
    }

    @Test
    void timeoutOnEveryAttemptSaysSo() throws Exception {
        ChatClient client = client("""
                {"rules": [{"name": "stall", "response": {"content": "late", "stallMs": %d}}]}
                """.formatted(STALL_MS), ATTEMPT_TIMEOUT, 1);

        assertThatThrownBy(() -> client.complete(COUNT))
                .isInstanceOf(ModelCallException.class)
                .hasMessageEndingWith("failed after 2 attempts: no complete answer within 2000 ms");
    }

    @Test
    void connectionRefusedIsRetriedThenReported() throws Exception {
        client("{\"rules\": [{\"response\": {}}]}", Duration.ofSeconds(2), 0);
        ModelSettings gone = new ModelSettings("planner", server.baseUrl(), "slow-thinker", Optional.empty(),
                Duration.ofSeconds(2), 1, Duration.ofMillis(1), Duration.ofMillis(5));
        server.close();

        ModelCallException e = catchThrowableOfType(ModelCallException.class, () -> new ChatClient(gone).complete(COUNT));

        assertThat(e.attempts()).isEqualTo(2);
        assertThat(e.lastStatus()).isEmpty();
        assertThat(e.getMessage()).startsWith("planner model 'slow-thinker' at " + gone.baseUrl()
                + " failed after 2 attempts: connection failed");
    }
}
