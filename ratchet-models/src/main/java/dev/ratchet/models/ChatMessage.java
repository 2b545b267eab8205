package dev.ratchet.models;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation: a role ("system", "user", "assistant", "tool") and its text. An assistant message
 * may carry the tool calls the model made; a tool message answers one of them by its id.
 *
 * @param toolCalls  the calls an assistant message made, in order; empty otherwise
 * @param toolCallId the call a "tool" message answers; null for every other role
 */
public record ChatMessage(String role, String content, List<ToolCall> toolCalls, String toolCallId) {

    public static final String TOOL = "tool";

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        if (!toolCalls.isEmpty() && !role.equals("assistant")) {
            throw new IllegalArgumentException("only assistant messages carry tool calls, not " + role);
        }
        if (role.equals(TOOL) != (toolCallId != null)) {
            throw new IllegalArgumentException("a tool message needs the id of the call it answers, and only it");
        }
    }

    public ChatMessage(String role, String content) {
        this(role, content, List.of(), null);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }

    /** The model's earlier turn that called tools, sent back so the model sees its own calls. */
    public static ChatMessage assistant(String content, List<ToolCall> calls) {
        return new ChatMessage("assistant", content, calls, null);
    }

    /** The result of the tool call with id {@code toolCallId}. */
    public static ChatMessage toolResult(String toolCallId, String content) {
        return new ChatMessage(TOOL, content, List.of(), Objects.requireNonNull(toolCallId, "toolCallId"));
    }
}
