package dev.ratchet.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Accumulates a streamed Chat Completions answer ({@code text/event-stream}), one line at a time.
 * Follows the SSE rules: {@code data:} lines are joined until a blank line ends the event, comments and
 * other fields are ignored, and an event cut off by the end of the stream is dropped. Only choice 0 is kept.
 * Not thread-safe: one parser per response.
 */
public final class ChatStreamParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringBuilder data = new StringBuilder();
    private boolean dataPending;
    private final StringBuilder content = new StringBuilder();
    private StringBuilder refusal;
    private final SortedMap<Integer, ToolCallParts> toolCalls = new TreeMap<>();
    private String finishReason;
    private String model;
    private Usage usage = Usage.NONE;
    private boolean output;
    private boolean done;

    /**
     * Takes one line of the body, without its line terminator.
     *
     * @throws ChatStreamException when an event carries an {@code error} object or is not JSON
     */
    public void feed(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        if (!field.equals("data")) {
            return;
        }
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (dataPending) {
            data.append('\n');
        }
        data.append(value.startsWith(" ") ? value.substring(1) : value);
        dataPending = true;
    }

    /** True once any content, refusal or tool call delta arrived: the "first token" for latency. */
    public boolean hasOutput() {
        return output;
    }

    /** True once {@code data: [DONE]} arrived. */
    public boolean isDone() {
        return done;
    }

    /** True when the answer is whole: {@code [DONE]} or a {@code finish_reason} arrived. */
    public boolean isComplete() {
        return done || finishReason != null;
    }

    /** The answer accumulated so far, with the caller's timings. */
    public ChatResult result(long timeToFirstTokenMs, long totalMs, int attempts) {
        List<ToolCall> calls = toolCalls.values().stream().map(ToolCallParts::toToolCall).toList();
        return new ChatResult(model, content.toString(), refusal == null ? null : refusal.toString(), finishReason,
                calls, usage, timeToFirstTokenMs, totalMs, attempts);
    }

    private void dispatch() {
        if (!dataPending) {
            return;
        }
        String payload = data.toString();
        data.setLength(0);
        dataPending = false;
        if (payload.equals("[DONE]")) {
            done = true;
            return;
        }
        JsonNode chunk;
        try {
            chunk = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new ChatStreamException("stream event is not JSON: " + abbreviate(payload), e);
        }
        JsonNode error = chunk.get("error");
        if (error != null && !error.isNull()) {
            String message = error.isObject() ? error.path("message").asText(error.toString()) : error.asText();
            throw new ChatStreamException("stream error: " + message, null);
        }
        if (chunk.hasNonNull("model")) {
            model = chunk.get("model").asText();
        }
        JsonNode reported = chunk.get("usage");
        if (reported != null && reported.isObject()) {
            usage = new Usage(reported.path("prompt_tokens").asInt(), reported.path("completion_tokens").asInt(),
                    reported.path("total_tokens").asInt());
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) == 0) {
                choice(choice);
            }
        }
    }

    private void choice(JsonNode choice) {
        JsonNode delta = choice.path("delta");
        String text = delta.path("content").textValue();
        if (text != null && !text.isEmpty()) {
            content.append(text);
            output = true;
        }
        String refused = delta.path("refusal").textValue();
        if (refused != null && !refused.isEmpty()) {
            refusal = refusal == null ? new StringBuilder() : refusal;
            refusal.append(refused);
            output = true;
        }
        int position = 0;
        for (JsonNode call : delta.path("tool_calls")) {
            int index = call.path("index").asInt(position++);
            toolCalls.computeIfAbsent(index, i -> new ToolCallParts()).add(call);
            output = true;
        }
        String finish = choice.path("finish_reason").textValue();
        if (finish != null) {
            finishReason = finish;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** The fragments of one tool call: id and name arrive once, arguments arrive in pieces. */
    private static final class ToolCallParts {
        private String id;
        private String name;
        private final StringBuilder arguments = new StringBuilder();

        void add(JsonNode call) {
            if (call.hasNonNull("id")) {
                id = call.get("id").asText();
            }
            JsonNode function = call.path("function");
            if (function.hasNonNull("name")) {
                name = function.get("name").asText();
            }
            if (function.hasNonNull("arguments")) {
                arguments.append(function.get("arguments").asText());
            }
        }

        ToolCall toToolCall() {
            return new ToolCall(id, name, arguments.toString());
        }
    }
}
