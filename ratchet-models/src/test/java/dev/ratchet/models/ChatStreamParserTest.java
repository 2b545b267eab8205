package dev.ratchet.models;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expected values are what the recorded OpenAI streams in src/test/resources/fixtures/openai add up to. */
class ChatStreamParserTest {

    static String fixture(String name) {
        try (InputStream in = ChatStreamParserTest.class.getResourceAsStream("/fixtures/openai/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ChatStreamParser parse(String body) {
        ChatStreamParser parser = new ChatStreamParser();
        body.lines().forEach(parser::feed);
        return parser;
    }

    private static ChatResult parseFixture(String name) {
        ChatStreamParser parser = parse(fixture(name));
        assertThat(parser.isDone()).isTrue();
        assertThat(parser.isComplete()).isTrue();
        return parser.result(1, 2, 1);
    }

    @Test
    void text() {
        ChatResult result = parseFixture("chat-completion-chunks.text.sse");

        assertThat(result.content()).isEqualTo("I'm unable to provide real-time weather updates. To get the current "
                + "weather in San Francisco, I recommend checking a reliable weather website or a weather app.");
        assertThat(result.refusal()).isNull();
        assertThat(result.toolCalls()).isEmpty();
        assertThat(result.finishReason()).isEqualTo("stop");
        assertThat(result.usage()).isEqualTo(new Usage(14, 30, 44));
        assertThat(result.model()).isEqualTo("gpt-4o-2024-08-06");
    }

    @Test
    void jsonSchema() {
        ChatResult result = parseFixture("chat-completion-chunks.json-schema.sse");

        assertThat(result.content()).isEqualTo("{\"city\":\"San Francisco\",\"temperature\":61,\"units\":\"f\"}");
        assertThat(result.finishReason()).isEqualTo("stop");
        assertThat(result.usage()).isEqualTo(new Usage(79, 14, 93));
    }

    @Test
    void toolCalls() {
        ChatResult result = parseFixture("chat-completion-chunks.tool-calls.sse");

        assertThat(result.content()).isEmpty();
        assertThat(result.refusal()).isNull();
        assertThat(result.toolCalls()).containsExactly(
                new ToolCall("call_JMW1whyEaYG438VE1OIflxA2", "GetWeatherArgs",
                        "{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}"),
                new ToolCall("call_DNYTawLBoN8fj3KN6qU9N1Ou", "get_stock_price",
                        "{\"ticker\": \"AAPL\", \"exchange\": \"NASDAQ\"}"));
        assertThat(result.finishReason()).isEqualTo("tool_calls");
        assertThat(result.usage()).isEqualTo(new Usage(149, 60, 209));
    }

    @Test
    void length() {
        ChatResult result = parseFixture("chat-completion-chunks.length.sse");

        assertThat(result.content()).isEqualTo("{\"");
        assertThat(result.finishReason()).isEqualTo("length");
        assertThat(result.usage()).isEqualTo(new Usage(79, 1, 80));
    }

    @Test
    void refusal() {
        ChatResult result = parseFixture("chat-completion-chunks.refusal.sse");

        assertThat(result.content()).isEmpty();
        assertThat(result.refusal()).isEqualTo("I'm sorry, I can't assist with that request.");
        assertThat(result.finishReason()).isEqualTo("stop");
        assertThat(result.usage()).isEqualTo(new Usage(79, 11, 90));
    }

    @Test
    void outputStartsWithTheFirstNonEmptyDeltaNotTheRoleChunk() {
        ChatStreamParser parser = new ChatStreamParser();
        String[] lines = fixture("chat-completion-chunks.text.sse").split("\n");

        parser.feed(lines[0]);
        parser.feed(lines[1]);
        assertThat(parser.hasOutput()).isFalse();
        parser.feed(lines[2]);
        parser.feed(lines[3]);
        assertThat(parser.hasOutput()).isTrue();
        assertThat(parser.isComplete()).isFalse();
    }

    @Test
    void ignoresCommentsOtherFieldsAndJoinsMultiLineData() {
        ChatStreamParser parser = parse("""
                : keep-alive
                event: message
                id: 7
                retry: 100
                data: {"model": "m",
                data: "choices": [{"index": 0, "delta": {"content": "hi"}, "finish_reason": "stop"}]}

                data:[DONE]

                """);

        ChatResult result = parser.result(0, 0, 1);
        assertThat(result.content()).isEqualTo("hi");
        assertThat(result.model()).isEqualTo("m");
        assertThat(result.usage()).isEqualTo(Usage.NONE);
        assertThat(parser.isDone()).isTrue();
    }

    @Test
    void anEventCutOffByTheEndOfTheStreamIsDropped() {
        ChatStreamParser parser = parse("data: {\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"partial\"}}]}\n");

        assertThat(parser.hasOutput()).isFalse();
        assertThat(parser.isComplete()).isFalse();
    }

    @Test
    void errorEventsRaise() {
        assertThatThrownBy(() -> parse("data: {\"error\": {\"message\": \"The server had an error\", \"type\": \"server_error\"}}\n\n"))
                .isInstanceOf(ChatStreamException.class)
                .hasMessage("stream error: The server had an error");
        assertThatThrownBy(() -> parse("data: {not json\n\n"))
                .isInstanceOf(ChatStreamException.class)
                .hasMessageStartingWith("stream event is not JSON");
    }
}
