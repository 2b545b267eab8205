package dev.ratchet.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * Builds the JSON bodies of one answer. Field names and order copy the OpenAI recordings in
 * shared/fixtures/openai, except that {@code model} and {@code system_fingerprint} say "simulated".
 */
final class Payloads {

    static final String MODEL_PREFIX = "simulated:";
    static final String FINGERPRINT = "simulated";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final long created;
    private final String model;

    Payloads(String id, long createdEpochSeconds, String requestedModel) {
        this.id = id;
        this.created = createdEpochSeconds;
        this.model = MODEL_PREFIX + requestedModel;
    }

    String roleChunk() {
        ObjectNode delta = JSON.createObjectNode().put("role", "assistant").put("content", "");
        delta.putNull("refusal");
        return chunk(delta, null);
    }

    /** The first chunk of an answer that only calls tools: {@code content} is null, as OpenAI sends it. */
    String toolRoleChunk() {
        ObjectNode delta = JSON.createObjectNode().put("role", "assistant");
        delta.putNull("content");
        return chunk(delta, null);
    }

    /** A tool call's first chunk: its index, id, type and name, with empty arguments. */
    String toolCallStart(int index, String callId, String name) {
        ObjectNode call = JSON.createObjectNode().put("index", index).put("id", callId).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", "");
        return toolCallChunk(call);
    }

    /** A fragment of a tool call's arguments. */
    String toolCallArguments(int index, String fragment) {
        ObjectNode call = JSON.createObjectNode().put("index", index);
        call.putObject("function").put("arguments", fragment);
        return toolCallChunk(call);
    }

    private String toolCallChunk(ObjectNode call) {
        ObjectNode delta = JSON.createObjectNode();
        delta.putArray("tool_calls").add(call);
        return chunk(delta, null);
    }

    String contentChunk(String text) {
        return chunk(JSON.createObjectNode().put("content", text), null);
    }

    String finishChunk(String finishReason) {
        return chunk(JSON.createObjectNode(), finishReason);
    }

    String usageChunk(int promptTokens, int completionTokens) {
        ObjectNode root = header("chat.completion.chunk");
        root.put("system_fingerprint", FINGERPRINT);
        root.putArray("choices");
        root.set("usage", usage(promptTokens, completionTokens));
        return write(root);
    }

    /** @param calls the tool calls with their ids; empty for a plain answer */
    String completion(String content, List<ScriptedToolCall> calls, List<String> callIds, String finishReason,
            int promptTokens, int completionTokens) {
        ObjectNode root = header("chat.completion");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (content.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        if (!calls.isEmpty()) {
            ArrayNode array = message.putArray("tool_calls");
            for (int i = 0; i < calls.size(); i++) {
                array.addObject().put("id", callIds.get(i)).put("type", "function").putObject("function")
                        .put("name", calls.get(i).name()).put("arguments", calls.get(i).arguments());
            }
        }
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        root.set("usage", usage(promptTokens, completionTokens));
        root.put("system_fingerprint", FINGERPRINT);
        return write(root);
    }

    /** OpenAI's error body; {@code param} and {@code code} are written as null when null. */
    static String error(String message, String type, String param, String code) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", type).put("param", param).put("code", code);
        return write(root);
    }

    static String modelList(List<String> ids) {
        ObjectNode root = JSON.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        ids.forEach(modelId -> data.addObject().put("id", modelId).put("object", "model").put("created", 0)
                .put("owned_by", "ratchet-model-simulator"));
        return write(root);
    }

    static String health() {
        return write(JSON.createObjectNode().put("status", "UP").put("simulated", true));
    }

    private String chunk(ObjectNode delta, String finishReason) {
        ObjectNode root = header("chat.completion.chunk");
        root.put("system_fingerprint", FINGERPRINT);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return write(root);
    }

    private ObjectNode header(String object) {
        return JSON.createObjectNode().put("id", id).put("object", object).put("created", created).put("model", model);
    }

    private ObjectNode usage(int promptTokens, int completionTokens) {
        return JSON.createObjectNode().put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
