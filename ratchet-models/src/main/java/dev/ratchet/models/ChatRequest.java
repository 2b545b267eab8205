package dev.ratchet.models;

import java.util.List;

/**
 * What to ask the model.
 *
 * @param messages           the conversation, oldest first; not empty
 * @param maxTokens          {@code max_tokens}, or null for the server's default
 * @param temperature        {@code temperature}, or null for the server's default
 * @param jsonObjectResponse asks for {@code response_format: {"type": "json_object"}}
 */
public record ChatRequest(List<ChatMessage> messages, Integer maxTokens, Double temperature, boolean jsonObjectResponse) {

    public ChatRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        }
    }

    /** A plain-text request with the server's default limits and temperature. */
    public static ChatRequest of(ChatMessage... messages) {
        return new ChatRequest(List.of(messages), null, null, false);
    }
}
