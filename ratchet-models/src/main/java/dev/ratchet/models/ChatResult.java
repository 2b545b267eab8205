package dev.ratchet.models;

import java.util.List;
import java.util.Objects;

/**
 * A complete answer and how it arrived.
 *
 * @param model             the model name the server reported
 * @param content           the assistant text; empty, never null, when the model only refused or called tools
 * @param refusal           the refusal text, or null when the model did not refuse
 * @param finishReason      "stop", "length", "tool_calls"...; null when the server sent none
 * @param toolCalls         tool calls in index order; empty when none
 * @param usage             token counts; {@link Usage#NONE} when the server sent none
 * @param timeToFirstTokenMs from the start of {@link ChatClient#complete} to the first content, refusal or tool delta
 * @param totalMs           from the start of {@link ChatClient#complete} to the end of the answer
 * @param attempts          HTTP attempts made, 1 when the first one succeeded
 */
public record ChatResult(String model, String content, String refusal, String finishReason, List<ToolCall> toolCalls,
                         Usage usage, long timeToFirstTokenMs, long totalMs, int attempts) {

    public ChatResult {
        Objects.requireNonNull(content, "content");
        toolCalls = List.copyOf(toolCalls);
        Objects.requireNonNull(usage, "usage");
    }

    /** Decode speed: completion tokens over the time after the first token; 0 when that is undefined. */
    public double tokensPerSecond() {
        long decodeMs = totalMs - timeToFirstTokenMs;
        if (decodeMs <= 0 || usage.completionTokens() <= 0) {
            return 0;
        }
        return usage.completionTokens() * 1000.0 / decodeMs;
    }
}
