package dev.ratchet.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a scenario rule answers.
 *
 * @param content         the assistant text (also for errors, where it is ignored); may be empty with tool calls
 * @param toolCalls       the function calls the answer makes, in order; empty for a plain answer
 * @param status          HTTP status; anything but 200 answers with an OpenAI-style error body
 * @param finishReason    the {@code finish_reason} of the answer
 * @param timeToFirstToken overrides the server default when not null
 * @param tokensPerSecond overrides the server default when not null
 * @param stall           delay before the response headers, to exercise client timeouts
 * @param errorMessage    the error text for non-200 answers; null picks one from the status
 */
record ScriptedResponse(String content, List<ScriptedToolCall> toolCalls, int status, String finishReason,
                        Duration timeToFirstToken, Double tokensPerSecond, Duration stall, String errorMessage) {

    ScriptedResponse {
        Objects.requireNonNull(content, "content");
        toolCalls = List.copyOf(toolCalls);
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(stall, "stall");
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status 200..599, was " + status);
        }
        if (tokensPerSecond != null && (!(tokensPerSecond > 0) || tokensPerSecond.isInfinite())) {
            throw new IllegalArgumentException("tokensPerSecond must be a positive finite number, was " + tokensPerSecond);
        }
        if (stall.isNegative() || (timeToFirstToken != null && timeToFirstToken.isNegative())) {
            throw new IllegalArgumentException("stallMs and ttftMs must not be negative");
        }
    }

    /** The same answer with other content (a structured answer without the prose around its JSON). */
    ScriptedResponse withContent(String newContent) {
        return new ScriptedResponse(newContent, toolCalls, status, finishReason, timeToFirstToken, tokensPerSecond,
                stall, errorMessage);
    }

    Duration timeToFirstTokenOr(Duration fallback) {
        return timeToFirstToken == null ? fallback : timeToFirstToken;
    }

    double tokensPerSecondOr(double fallback) {
        return tokensPerSecond == null ? fallback : tokensPerSecond;
    }

    String errorMessageOrDefault() {
        if (errorMessage != null) {
            return errorMessage;
        }
        return switch (status) {
            case 429 -> "rate limit reached";
            case 500 -> "internal server error";
            case 502 -> "bad gateway";
            case 503 -> "overloaded";
            case 504 -> "gateway timeout";
            default -> "scripted error (HTTP " + status + ")";
        };
    }
}
