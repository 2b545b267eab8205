package dev.ratchet.models;

import java.util.List;

/**
 * What to ask the model. How the limit is named on the wire, and the role's reasoning effort, temperature and seed,
 * come from {@link RequestSettings}.
 *
 * @param messages       the conversation, oldest first; not empty
 * @param maxTokens      the output-token limit, sent under the role's {@link TokenLimitField}; null for the server's
 * @param temperature    {@code temperature}; null for the role's setting, else the server's default
 * @param responseFormat {@code response_format}; null for plain text
 * @param tools          functions the model may call ({@code tools}); empty for none
 * @param seed           {@code seed}; null for the role's setting, else none (one variant of a best-of-N step sets it)
 */
public record ChatRequest(List<ChatMessage> messages, Integer maxTokens, Double temperature,
                          ResponseFormat responseFormat, List<Tool> tools, Long seed) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        }
        if (tools.stream().map(Tool::name).distinct().count() != tools.size()) {
            throw new IllegalArgumentException("tool names must be unique");
        }
    }

    /** With the role's seed, if it has one. */
    public ChatRequest(List<ChatMessage> messages, Integer maxTokens, Double temperature,
            ResponseFormat responseFormat, List<Tool> tools) {
        this(messages, maxTokens, temperature, responseFormat, tools, null);
    }

    /** Without tools; {@code jsonObjectResponse} asks for {@code response_format: {"type": "json_object"}}. */
    public ChatRequest(List<ChatMessage> messages, Integer maxTokens, Double temperature, boolean jsonObjectResponse) {
        this(messages, maxTokens, temperature, jsonObjectResponse ? ResponseFormat.jsonObject() : null, List.of());
    }

    /** A plain-text request with the server's default limits and temperature. */
    public static ChatRequest of(ChatMessage... messages) {
        return new ChatRequest(List.of(messages), null, null, null, List.of());
    }

    public ChatRequest withTools(List<Tool> newTools) {
        return new ChatRequest(messages, maxTokens, temperature, responseFormat, newTools, seed);
    }

    public ChatRequest withResponseFormat(ResponseFormat format) {
        return new ChatRequest(messages, maxTokens, temperature, format, tools, seed);
    }
}
