package dev.ratchet.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

import static dev.ratchet.simulator.SimulatorHttp.chatBody;
import static dev.ratchet.simulator.SimulatorHttp.events;
import static dev.ratchet.simulator.SimulatorHttp.json;
import static dev.ratchet.simulator.SimulatorHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

class StreamingFormatTest {

    private static final String CONTENT = "Hello, world! The answer is 42.\n  Done: {\"ok\": true}\n";
    private static SimulatedModelServer server;

    @BeforeAll
    static void start() throws IOException {
        Scenario scenario = Scenario.fromJson("""
                {"name": "format", "rules": [
                  {"name": "hello", "match": {"model": "executor"},
                   "response": {"content": "Hello, world! The answer is 42.\\n  Done: {\\"ok\\": true}\\n", "ttftMs": 0}},
                  {"name": "cut", "match": {"model": "short"}, "response": {"content": "trunc", "finishReason": "length"}}]}
                """);
        server = SimulatedModelServer.start(SimulatorConfig.defaults(scenario).withTokensPerSecond(100_000));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void streamMirrorsTheOpenAiWireFormat() {
        HttpResponse<String> response = post(server, chatBody("Executor-Fast", true, "say hello"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> payloads = events(response.body());
        assertThat(payloads.get(payloads.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = payloads.subList(0, payloads.size() - 1).stream().map(SimulatorHttp::json).toList();

        JsonNode first = chunks.get(0);
        assertThat(first.path("choices").path(0).path("delta").toString())
                .isEqualTo("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}");
        for (JsonNode chunk : chunks) {
            assertThat(chunk.path("id").asText()).startsWith("chatcmpl-sim-").isEqualTo(first.path("id").asText());
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("created").isIntegralNumber()).isTrue();
            assertThat(chunk.path("model").asText()).isEqualTo("simulated:Executor-Fast");
            assertThat(chunk.path("system_fingerprint").asText()).isEqualTo("simulated");
        }

        JsonNode usageChunk = chunks.get(chunks.size() - 1);
        JsonNode finishChunk = chunks.get(chunks.size() - 2);
        List<JsonNode> contentChunks = chunks.subList(1, chunks.size() - 2);
        StringBuilder content = new StringBuilder();
        for (JsonNode chunk : contentChunks) {
            JsonNode choice = chunk.path("choices").path(0);
            assertThat(choice.path("finish_reason").isNull()).isTrue();
            content.append(choice.path("delta").path("content").asText());
        }
        assertThat(content.toString()).isEqualTo(CONTENT);

        assertThat(finishChunk.path("choices").path(0).path("delta").isEmpty()).isTrue();
        assertThat(finishChunk.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");

        assertThat(usageChunk.path("choices").isArray()).isTrue();
        assertThat(usageChunk.path("choices").isEmpty()).isTrue();
        int prompt = PseudoTokenizer.count("You are a test.\nsay hello");
        int completion = PseudoTokenizer.count(CONTENT);
        assertThat(usageChunk.path("usage").path("prompt_tokens").asInt()).isEqualTo(prompt);
        assertThat(usageChunk.path("usage").path("completion_tokens").asInt()).isEqualTo(completion);
        assertThat(usageChunk.path("usage").path("total_tokens").asInt()).isEqualTo(prompt + completion);
    }

    @Test
    void usageChunkOnlyWhenAskedFor() {
        String body = "{\"model\":\"executor\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        List<String> payloads = events(post(server, body).body());

        assertThat(payloads).last().isEqualTo("[DONE]");
        JsonNode last = json(payloads.get(payloads.size() - 2));
        assertThat(last.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(last.has("usage")).isFalse();
    }

    @Test
    void finishReasonComesFromTheRule() {
        List<String> payloads = events(post(server, chatBody("short", true, "x")).body());

        assertThat(json(payloads.get(payloads.size() - 3)).path("choices").path(0).path("finish_reason").asText())
                .isEqualTo("length");
    }

    @Test
    void nonStreamingAnswerIsOneChatCompletion() {
        HttpResponse<String> response = post(server, chatBody("executor", false, "say hello"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("id").asText()).startsWith("chatcmpl-sim-");
        assertThat(body.path("model").asText()).isEqualTo("simulated:executor");
        JsonNode choice = body.path("choices").path(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).isEqualTo(CONTENT);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(PseudoTokenizer.count(CONTENT));
        assertThat(body.path("usage").path("total_tokens").asInt())
                .isEqualTo(body.path("usage").path("prompt_tokens").asInt() + PseudoTokenizer.count(CONTENT));
    }
}
