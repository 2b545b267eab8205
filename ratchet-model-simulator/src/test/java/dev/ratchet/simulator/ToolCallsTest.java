package dev.ratchet.simulator;

import static dev.ratchet.simulator.SimulatorHttp.JSON;
import static dev.ratchet.simulator.SimulatorHttp.content;
import static dev.ratchet.simulator.SimulatorHttp.events;
import static dev.ratchet.simulator.SimulatorHttp.json;
import static dev.ratchet.simulator.SimulatorHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scripted tool calls: streamed in OpenAI's chunk format and sent whole in its body shape, both compared with the
 * recordings in {@code fixtures/openai}; and rules that match on tool results and tool calls in the conversation.
 */
class ToolCallsTest {

    /** The two calls of the recording, as a scenario scripts them. */
    private static final String RECORDED_CALLS = """
            [{"name": "GetWeatherArgs", "arguments": "{\\"city\\": \\"Edinburgh\\", \\"country\\": \\"GB\\", \\"units\\": \\"c\\"}"},
             {"name": "get_stock_price", "arguments": {"ticker": "AAPL", "exchange": "NASDAQ"}}]""";

    private SimulatedModelServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(String scenarioJson) throws IOException {
        server = SimulatorHttp.instant(scenarioJson);
    }

    @Test
    void streamedToolCallsHaveTheRecordedChunkShapes() throws IOException {
        start("{\"rules\": [{\"name\": \"tools\", \"response\": {\"toolCalls\": " + RECORDED_CALLS + "}}]}");
        List<JsonNode> recorded = chunks(resource("fixtures/openai/chat-completion-chunks.tool-calls.sse"));

        List<JsonNode> ours = chunks(post(server, SimulatorHttp.chatBody("m", true, "weather?")).body());

        assertThat(delta(ours.get(0))).isEqualTo(delta(recorded.get(0)));
        assertThat(shape(starts(ours))).isEqualTo(shape(starts(recorded)));
        assertThat(arguments(ours)).isEqualTo(arguments(recorded));
        assertThat(starts(ours)).extracting(c -> c.path("id").asText()).containsExactly("call_sim_1_0",
                "call_sim_1_1");
        JsonNode finish = ours.get(ours.size() - 2).path("choices").path(0);
        assertThat(finish.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(finish.path("delta").isEmpty()).isTrue();
        assertThat(ours.get(ours.size() - 1).path("usage").path("completion_tokens").asInt()).isPositive();
    }

    @Test
    void aWholeAnswerHasTheRecordedBodyShape() throws IOException {
        start("{\"rules\": [{\"name\": \"tools\", \"response\": {\"toolCalls\": " + RECORDED_CALLS + "}}]}");
        JsonNode recorded = json(resource("fixtures/openai/chat-completion.tool-calls.json")).path("choices").path(0);

        JsonNode ours = json(post(server, SimulatorHttp.chatBody("m", false, "weather?")).body()).path("choices")
                .path(0);

        assertThat(ours.path("finish_reason")).isEqualTo(recorded.path("finish_reason"));
        assertThat(ours.path("message").path("content").isNull()).isTrue();
        ArrayNode calls = (ArrayNode) ours.path("message").path("tool_calls");
        ArrayNode expected = (ArrayNode) recorded.path("message").path("tool_calls");
        assertThat(calls).hasSameSizeAs(expected);
        for (int i = 0; i < calls.size(); i++) {
            ObjectNode withoutId = calls.get(i).deepCopy();
            ObjectNode expectedWithoutId = expected.get(i).deepCopy();
            withoutId.remove("id");
            expectedWithoutId.remove("id");
            assertThat(JSON.readTree(withoutId.path("function").path("arguments").asText()))
                    .isEqualTo(JSON.readTree(expectedWithoutId.path("function").path("arguments").asText()));
            ((ObjectNode) withoutId.path("function")).remove("arguments");
            ((ObjectNode) expectedWithoutId.path("function")).remove("arguments");
            assertThat(withoutId).isEqualTo(expectedWithoutId);
        }
    }

    @Test
    void contentAndToolCallsTogetherAndAScriptedId() throws IOException {
        start("""
                {"rules": [{"name": "both", "response": {"content": "Reading it first.",
                  "toolCalls": [{"id": "call_fixed", "name": "read_file", "arguments": {"path": "a.py"}}]}}]}
                """);

        String body = post(server, SimulatorHttp.chatBody("m", true, "go")).body();

        assertThat(content(post(server, SimulatorHttp.chatBody("m", true, "go")))).isEqualTo("Reading it first.");
        List<JsonNode> chunks = chunks(body);
        assertThat(delta(chunks.get(0)).path("content").asText()).isEmpty();
        assertThat(starts(chunks)).singleElement().satisfies(start -> {
            assertThat(start.path("id").asText()).isEqualTo("call_fixed");
            assertThat(start.path("function").path("name").asText()).isEqualTo("read_file");
        });
        assertThat(arguments(chunks)).containsExactly("{\"path\":\"a.py\"}");
    }

    @Test
    void rulesMatchOnToolResultsAndOnTheCallsMade() throws IOException {
        start("""
                {"rules": [
                  {"name": "after the tool error", "match": {"contains": ["hunk 1 does not match"]},
                   "response": {"content": "fixed"}},
                  {"name": "after a read", "match": {"contains": ["read_file {\\"path\\":\\"a.py\\"}"]},
                   "response": {"content": "read"}},
                  {"name": "first turn", "response": {"toolCalls": [{"name": "read_file", "arguments": {"path": "a.py"}}]}}]}
                """);

        assertThat(content(post(server, SimulatorHttp.chatBody("m", true, "go")))).isEmpty();
        assertThat(content(post(server, conversation("print('a')\n")))).isEqualTo("read");
        assertThat(content(post(server, conversation("apply_patch: hunk 1 does not match a.py")))).isEqualTo("fixed");
        assertThat(server.recentRequests()).hasSize(3).last().asString().contains("hunk 1 does not match");
    }

    @Test
    void malformedToolCallsAreRejectedWhenTheScenarioLoads() {
        assertThatThrownBy(() -> Scenario.fromJson("{\"rules\": [{\"response\": {\"toolCalls\": {}}}]}"))
                .hasMessageContaining("\"toolCalls\" must be an array");
        assertThatThrownBy(() -> Scenario.fromJson("{\"rules\": [{\"response\": {\"toolCalls\": [{\"arguments\": {}}]}}]}"))
                .hasMessageContaining("tool call 1: needs a \"name\"");
        assertThatThrownBy(() -> Scenario.fromJson(
                "{\"rules\": [{\"response\": {\"toolCalls\": [{\"name\": \"x\", \"args\": {}}]}}]}"))
                .hasMessageContaining("unknown field \"args\"");
        assertThatThrownBy(() -> Scenario.fromJson(
                "{\"rules\": [{\"response\": {\"toolCalls\": [{\"name\": \"x\", \"arguments\": 3}]}}]}"))
                .hasMessageContaining("\"arguments\" must be an object or a string");
    }

    /** A second turn: the model's read_file call and the tool's result. */
    private static String conversation(String toolResult) {
        ObjectNode root = JSON.createObjectNode().put("model", "m").put("stream", true);
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "user").put("content", "go");
        ObjectNode call = messages.addObject().put("role", "assistant");
        call.putNull("content");
        call.putArray("tool_calls").addObject().put("id", "call_1").put("type", "function").putObject("function")
                .put("name", "read_file").put("arguments", "{\"path\":\"a.py\"}");
        messages.addObject().put("role", "tool").put("tool_call_id", "call_1").put("content", toolResult);
        return root.toString();
    }

    private static List<JsonNode> chunks(String sse) {
        List<String> payloads = events(sse.replace("\r\n", "\n"));
        return payloads.subList(0, payloads.size() - 1).stream().map(SimulatorHttp::json).toList();
    }

    private static JsonNode delta(JsonNode chunk) {
        return chunk.path("choices").path(0).path("delta");
    }

    /** The first chunk of each call: the one with its id. */
    private static List<JsonNode> starts(List<JsonNode> chunks) {
        List<JsonNode> starts = new ArrayList<>();
        for (JsonNode chunk : chunks) {
            JsonNode call = delta(chunk).path("tool_calls").path(0);
            if (call.has("id")) {
                starts.add(call);
            }
        }
        return starts;
    }

    /** A start chunk's fields and its function's, without values that differ per call. */
    private static List<String> shape(List<JsonNode> starts) {
        return starts.stream().map(s -> {
            ObjectNode copy = s.deepCopy();
            copy.put("id", "ID");
            ((ObjectNode) copy.path("function")).put("name", "NAME");
            return copy.toString();
        }).toList();
    }

    /** Each call's arguments, its fragments joined in order, parsed and written back compactly. */
    private static List<String> arguments(List<JsonNode> chunks) throws IOException {
        Map<Integer, StringBuilder> byIndex = new LinkedHashMap<>();
        for (JsonNode chunk : chunks) {
            for (JsonNode call : delta(chunk).path("tool_calls")) {
                byIndex.computeIfAbsent(call.path("index").asInt(), i -> new StringBuilder())
                        .append(call.path("function").path("arguments").asText(""));
            }
        }
        List<String> result = new ArrayList<>();
        for (StringBuilder text : byIndex.values()) {
            result.add(JSON.readTree(text.toString()).toString());
        }
        return result;
    }

    private static String resource(String name) {
        try (InputStream in = ToolCallsTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
