package dev.ratchet.models;

/**
 * A function call the model asked for.
 *
 * @param arguments the JSON arguments exactly as the model wrote them (streamed fragments joined)
 */
public record ToolCall(String id, String name, String arguments) {
}
