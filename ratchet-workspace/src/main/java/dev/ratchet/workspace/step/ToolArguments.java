package dev.ratchet.workspace.step;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A tool call's JSON arguments as the model wrote them, read without trusting them. */
final class ToolArguments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode node;

    private ToolArguments(JsonNode node) {
        this.node = node;
    }

    /** @throws ToolFailure when the arguments are not a JSON object */
    static ToolArguments parse(String arguments) throws ToolFailure {
        try {
            JsonNode node = JSON.readTree(arguments == null || arguments.isBlank() ? "{}" : arguments);
            if (node == null || !node.isObject()) {
                throw new ToolFailure("the arguments must be a JSON object, were: " + brief(arguments));
            }
            return new ToolArguments(node);
        } catch (JsonProcessingException e) {
            throw new ToolFailure("the arguments are not valid JSON (" + e.getOriginalMessage() + "): "
                    + brief(arguments));
        }
    }

    String required(String name) throws ToolFailure {
        String value = optional(name);
        if (value == null || value.isEmpty()) {
            throw new ToolFailure("the argument '" + name + "' is required");
        }
        return value;
    }

    /** A string argument, or null when absent. */
    String optional(String name) throws ToolFailure {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ToolFailure("the argument '" + name + "' must be a string");
        }
        return value.textValue();
    }

    /** A whole-number argument of at least {@code min}, or {@code fallback} when absent. */
    int integer(String name, int min, int fallback) throws ToolFailure {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < min) {
            throw new ToolFailure("the argument '" + name + "' must be a whole number of at least " + min);
        }
        return value.intValue();
    }

    boolean flag(String name) throws ToolFailure {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new ToolFailure("the argument '" + name + "' must be true or false");
        }
        return value.booleanValue();
    }

    private static String brief(String text) {
        String s = String.valueOf(text);
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
