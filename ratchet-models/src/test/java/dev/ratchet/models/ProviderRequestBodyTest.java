package dev.ratchet.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.ratchet.models.ScriptedHttpServer.events;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact request body the client sends for each provider's OpenAI-compatible endpoint, compared structurally
 * with {@code src/test/resources/fixtures/requests/*.json} (sources in that folder's README). The scripted server
 * answers with the recorded OpenAI streams from {@code fixtures/openai}.
 */
class ProviderRequestBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXECUTOR_SYSTEM = "You are the executor. Use the tools; end with apply_patch.";
    private static final String PLANNER_SYSTEM = "You are the planner. Answer with a JSON object {\"steps\": [...]}.";
    private static final ChatMessage STEP = ChatMessage.user("Step 1: count words in textstats/stats.py.");
    private static final ChatMessage GOAL = ChatMessage.user("Goal: add word statistics to textstats.");
    private static final Tool READ_FILE = new Tool("read_file", "Read a file of the workspace, optionally a range of lines.", """
            {"type": "object", "additionalProperties": false, "required": ["path"],
             "properties": {"path": {"type": "string"}, "start_line": {"type": "integer"}, "end_line": {"type": "integer"}}}""");
    private static final Tool APPLY_PATCH = new Tool("apply_patch", "Apply a patch in the apply_patch envelope.", """
            {"type": "object", "additionalProperties": false, "required": ["patch"], "properties": {"patch": {"type": "string"}}}""");

    /** One provider's settings and request, the fixture they must produce, and the recorded answer to reply with. */
    record Shape(String fixture, String model, Optional<String> apiKey, RequestSettings settings, ChatRequest request,
                 String answer) {

        @Override
        public String toString() {
            return fixture;
        }
    }

    static Stream<Shape> shapes() {
        ChatRequest executorStep = new ChatRequest(List.of(ChatMessage.system(EXECUTOR_SYSTEM), STEP), 4096, null, null,
                List.of(READ_FILE));
        ChatRequest planning = new ChatRequest(List.of(ChatMessage.system(PLANNER_SYSTEM), GOAL), 2048, null, null,
                List.of());
        return Stream.of(
                // Ratchet's defaults against OpenAI: https://platform.openai.com/docs/api-reference/chat/create
                new Shape("executor-default.json", "gpt-5.3-codex-spark", Optional.of("sk-test"), RequestSettings.DEFAULTS,
                        new ChatRequest(List.of(ChatMessage.system("You are the executor. Answer with one apply_patch envelope."),
                                STEP), 4096, null, false), "text"),
                // OpenAI, second turn of a tool loop: https://platform.openai.com/docs/api-reference/chat/create
                new Shape("openai.json", "gpt-5.3-codex-spark", Optional.of("sk-test"),
                        RequestSettings.DEFAULTS.withReasoningEffort("low").withHeaders(
                                Map.of("OpenAI-Project", "proj_ratchet", "OpenAI-Organization", "org-ratchet")),
                        new ChatRequest(List.of(ChatMessage.system(EXECUTOR_SYSTEM), STEP,
                                ChatMessage.assistant("", List.of(new ToolCall("call_read_1", "read_file",
                                        "{\"path\": \"textstats/stats.py\", \"start_line\": 1, \"end_line\": 40}"))),
                                ChatMessage.toolResult("call_read_1", "def count_lines(text):\n    return len(text.splitlines())\n")),
                                4096, null, null, List.of(READ_FILE, APPLY_PATCH)), "tool-calls"),
                // Cerebras: https://inference-docs.cerebras.ai/api-reference/chat-completions and
                // https://inference-docs.cerebras.ai/capabilities/reasoning (reasoning_effort for gpt-oss-120b)
                new Shape("cerebras.json", "gpt-oss-120b", Optional.of("csk-test"),
                        RequestSettings.DEFAULTS.withReasoningEffort("medium").withTemperature(0.2).withSeed(7),
                        executorStep, "tool-calls"),
                // Groq: https://console.groq.com/docs/api-reference#chat-create and https://console.groq.com/docs/reasoning
                new Shape("groq.json", "openai/gpt-oss-120b", Optional.of("gsk_test"),
                        RequestSettings.DEFAULTS.withReasoningEffort("low").withSeed(42),
                        planning.withResponseFormat(ResponseFormat.jsonObject()), "json-schema"),
                // vLLM (vllm serve --api-key): https://docs.vllm.ai/en/stable/serving/openai_compatible_server/
                new Shape("vllm.json", "Qwen/Qwen3-Coder-30B-A3B-Instruct", Optional.of("token-abc123"),
                        RequestSettings.DEFAULTS.withTemperature(0.0).withSeed(1234),
                        planning.withResponseFormat(ResponseFormat.jsonSchema("plan", """
                                {"type": "object", "additionalProperties": false, "required": ["steps"],
                                 "properties": {"steps": {"type": "array", "items": {"type": "string"}}}}""")), "json-schema"),
                // Ollama, whose supported-fields list names max_tokens only: https://docs.ollama.com/api/openai-compatibility
                new Shape("ollama.json", "qwen2.5-coder:7b", Optional.empty(),
                        RequestSettings.DEFAULTS.withTokenLimitField(TokenLimitField.MAX_TOKENS).withTemperature(0.1)
                                .withSeed(42),
                        executorStep, "tool-calls"));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void sendsTheProvidersDocumentedRequestShape(Shape shape) throws Exception {
        String answer = ChatStreamParserTest.fixture("chat-completion-chunks." + shape.answer() + ".sse");
        try (ScriptedHttpServer server = new ScriptedHttpServer(events("text/event-stream", answer))) {
            ModelSettings settings = new ModelSettings("executor", server.baseUrl(), shape.model(), shape.apiKey(),
                    Duration.ofSeconds(5), 0, Duration.ZERO, Duration.ZERO, shape.settings());

            ChatResult result = new ChatClient(settings).complete(shape.request());

            ScriptedHttpServer.Received received = server.received().get(0);
            assertSameJson(received.body(), fixture(shape.fixture()));
            assertThat(received.authorization()).isEqualTo(shape.apiKey().map(key -> "Bearer " + key).orElse(null));
            shape.settings().headers().forEach((name, value) ->
                    assertThat(received.headers().get(name)).as(name).containsExactly(value));
            assertThat(result.finishReason()).isIn("stop", "tool_calls");
        }
    }

    static String fixture(String name) {
        try (InputStream in = ProviderRequestBodyTest.class.getResourceAsStream("/fixtures/requests/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Equal as JSON: same fields and values, any key order, {@code 0} equal to {@code 0.0}. */
    static void assertSameJson(String actual, String expected) throws IOException {
        JsonNode actualJson = JSON.readTree(actual);
        JsonNode expectedJson = JSON.readTree(expected);
        Comparator<JsonNode> numbersByValue = (a, b) -> a.isNumber() && b.isNumber()
                ? a.decimalValue().compareTo(b.decimalValue()) : (a.equals(b) ? 0 : 1);
        if (!actualJson.equals(numbersByValue, expectedJson)) {
            assertThat(sortedPretty(actualJson)).isEqualTo(sortedPretty(expectedJson));
        }
    }

    /** Keys sorted, so a failure's diff shows only what differs. */
    private static String sortedPretty(JsonNode node) throws IOException {
        return JSON.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writerWithDefaultPrettyPrinter()
                .writeValueAsString(JSON.treeToValue(node, Object.class));
    }
}
