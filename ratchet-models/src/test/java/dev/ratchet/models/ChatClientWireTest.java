package dev.ratchet.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.ratchet.models.ScriptedHttpServer.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** What the client puts on the wire, and how it copes with real and broken streams. */
class ChatClientWireTest {

    private static final String SSE = "text/event-stream";
    private static final String TEXT_STREAM = ChatStreamParserTest.fixture("chat-completion-chunks.text.sse");

    private static ChatClient client(ScriptedHttpServer server, Optional<String> apiKey) {
        return new ChatClient(new ModelSettings("executor", server.baseUrl(), "gpt-4o", apiKey, Duration.ofSeconds(5), 2,
                Duration.ofMillis(1), Duration.ofMillis(5)));
    }

    @Test
    void sendsAStreamingRequestWithKeyAndOptionsAndReadsARecordedOpenAiStream() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(events(SSE, TEXT_STREAM))) {
            ChatRequest request = new ChatRequest(List.of(ChatMessage.system("sys"), ChatMessage.user("weather?"),
                    ChatMessage.assistant("earlier")), 64, 0.2, true);

            ChatResult result = client(server, Optional.of("sk-test")).complete(request);

            ScriptedHttpServer.Received received = server.received().get(0);
            assertThat(received.authorization()).isEqualTo("Bearer sk-test");
            JsonNode body = new ObjectMapper().readTree(received.body());
            assertThat(body.path("model").asText()).isEqualTo("gpt-4o");
            assertThat(body.path("messages").toString()).isEqualTo("[{\"role\":\"system\",\"content\":\"sys\"},"
                    + "{\"role\":\"user\",\"content\":\"weather?\"},{\"role\":\"assistant\",\"content\":\"earlier\"}]");
            assertThat(body.path("stream").asBoolean()).isTrue();
            assertThat(body.path("stream_options").toString()).isEqualTo("{\"include_usage\":true}");
            assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(64);
            assertThat(body.has("max_tokens")).isFalse();
            assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
            assertThat(body.path("response_format").toString()).isEqualTo("{\"type\":\"json_object\"}");

            assertThat(result.content()).startsWith("I'm unable to provide real-time weather updates.");
            assertThat(result.usage()).isEqualTo(new Usage(14, 30, 44));
            assertThat(result.model()).isEqualTo("gpt-4o-2024-08-06");
        }
    }

    /**
     * The time to first token runs from the call to the first content, not to the headers or the role chunk. The
     * server sends the recording's role chunk, then holds the rest until the test releases it; the measured time
     * cannot be shorter than from the request's arrival to that release. An ordering of two clock readings, not
     * a time limit: the test waits 100 ms before releasing only so that a time taken at the role chunk would be
     * visibly shorter.
     */
    @Test
    void timeToFirstTokenEndsAtTheFirstContentNotAtTheRoleChunk() throws Exception {
        int firstEventEnd = TEXT_STREAM.indexOf("\n\n") + 2;
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong receivedAt = new AtomicLong();
        AtomicLong releasedAt = new AtomicLong();
        ScriptedHttpServer.Reply held = exchange -> {
            receivedAt.set(System.nanoTime());
            exchange.getResponseHeaders().set("Content-Type", SSE);
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(TEXT_STREAM.substring(0, firstEventEnd).getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            releasedAt.set(System.nanoTime());
            out.write(TEXT_STREAM.substring(firstEventEnd).getBytes(StandardCharsets.UTF_8));
        };
        try (ScriptedHttpServer server = new ScriptedHttpServer(held)) {
            ChatClient client = new ChatClient(new ModelSettings("executor", server.baseUrl(), "gpt-4o",
                    Optional.empty(), Duration.ofSeconds(60), 0, Duration.ofMillis(1), Duration.ofMillis(5)));
            CompletableFuture<ChatResult> call = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.complete(ChatRequest.of(ChatMessage.user("weather?")));
                } catch (ModelCallException e) {
                    throw new CompletionException(e);
                }
            });
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ofMillis(100))
                    .until(() -> receivedAt.get() != 0);
            release.countDown();

            ChatResult result = call.get(60, TimeUnit.SECONDS);

            assertThat(result.content()).startsWith("I'm unable to provide real-time weather updates.");
            assertThat(result.timeToFirstTokenMs())
                    .isGreaterThanOrEqualTo(TimeUnit.NANOSECONDS.toMillis(releasedAt.get() - receivedAt.get()))
                    .isLessThanOrEqualTo(result.totalMs());
        }
    }

    @Test
    void leavesOutTheKeyAndUnsetOptions() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(events(SSE, TEXT_STREAM))) {
            client(server, Optional.empty()).complete(ChatRequest.of(ChatMessage.user("hi")));

            ScriptedHttpServer.Received received = server.received().get(0);
            assertThat(received.authorization()).isNull();
            JsonNode body = new ObjectMapper().readTree(received.body());
            assertThat(body.has("max_tokens")).isFalse();
            assertThat(body.has("max_completion_tokens")).isFalse();
            assertThat(body.has("temperature")).isFalse();
            assertThat(body.has("seed")).isFalse();
            assertThat(body.has("reasoning_effort")).isFalse();
            assertThat(body.has("response_format")).isFalse();
            assertThat(body.has("tools")).isFalse();
        }
    }

    @Test
    void tokenLimitFieldNoneSendsNoLimitAndTheRequestsTemperatureWinsOverTheRoles() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(events(SSE, TEXT_STREAM))) {
            RequestSettings role = RequestSettings.DEFAULTS.withTokenLimitField(TokenLimitField.NONE).withTemperature(0.7);
            ChatClient client = new ChatClient(new ModelSettings("executor", server.baseUrl(), "local", Optional.empty(),
                    Duration.ofSeconds(5), 0, Duration.ZERO, Duration.ZERO, role));

            client.complete(new ChatRequest(List.of(ChatMessage.user("a")), 64, 0.0, false));
            client.complete(new ChatRequest(List.of(ChatMessage.user("b")), 64, null, false));

            JsonNode own = new ObjectMapper().readTree(server.received().get(0).body());
            JsonNode roles = new ObjectMapper().readTree(server.received().get(1).body());
            assertThat(own.has("max_tokens") || own.has("max_completion_tokens")).isFalse();
            assertThat(own.path("temperature").asDouble()).isEqualTo(0.0);
            assertThat(roles.path("temperature").asDouble()).isEqualTo(0.7);
        }
    }

    @Test
    void aRequestsSeedWinsOverTheRolesAndWithoutOneTheRolesIsSent() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(events(SSE, TEXT_STREAM), events(SSE, TEXT_STREAM))) {
            ChatClient client = new ChatClient(new ModelSettings("executor", server.baseUrl(), "local",
                    Optional.empty(), Duration.ofSeconds(5), 0, Duration.ZERO, Duration.ZERO,
                    RequestSettings.DEFAULTS.withSeed(7)));

            client.complete(new ChatRequest(List.of(ChatMessage.user("a")), 64, 0.6, null, List.of(), 66L));
            client.complete(new ChatRequest(List.of(ChatMessage.user("b")), 64, null, false));

            JsonNode variant = new ObjectMapper().readTree(server.received().get(0).body());
            JsonNode roles = new ObjectMapper().readTree(server.received().get(1).body());
            assertThat(variant.path("seed").asLong()).isEqualTo(66);
            assertThat(variant.path("temperature").asDouble()).isEqualTo(0.6);
            assertThat(roles.path("seed").asLong()).isEqualTo(7);
        }
    }

    @Test
    void streamEndingBeforeItsFinishIsRetried() throws Exception {
        String truncated = TEXT_STREAM.substring(0, TEXT_STREAM.indexOf("\n\n", 2000) + 2);
        try (ScriptedHttpServer server = new ScriptedHttpServer(events(SSE, truncated), events(SSE, TEXT_STREAM))) {
            ChatResult result = client(server, Optional.empty()).complete(ChatRequest.of(ChatMessage.user("hi")));

            assertThat(result.attempts()).isEqualTo(2);
            assertThat(result.finishReason()).isEqualTo("stop");
        }
    }

    @Test
    void errorEventInTheStreamIsRetried() throws Exception {
        String error = "data: {\"error\": {\"message\": \"The server had an error while processing your request.\"}}\n\n";
        try (ScriptedHttpServer server = new ScriptedHttpServer(events(SSE, error))) {
            ModelCallException e = catchThrowableOfType(ModelCallException.class,
                    () -> client(server, Optional.empty()).complete(ChatRequest.of(ChatMessage.user("hi"))));

            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.getMessage()).endsWith("failed after 3 attempts: stream error: "
                    + "The server had an error while processing your request.");
        }
    }

    @Test
    void nonStreamingAnswerIsRejectedAtOnce() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(events("application/json", "{\"object\":\"chat.completion\"}"))) {
            ModelCallException e = catchThrowableOfType(ModelCallException.class,
                    () -> client(server, Optional.empty()).complete(ChatRequest.of(ChatMessage.user("hi"))));

            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.getMessage()).endsWith("expected a text/event-stream answer but got application/json");
        }
    }
}
