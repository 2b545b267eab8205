package dev.ratchet.models;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A function the model may call, sent in {@code tools} as
 * {@code {"type": "function", "function": {"name", "description", "parameters"}}}.
 *
 * @param name        what the model calls it: letters, digits, {@code _} and {@code -}, at most 64 (OpenAI's limit)
 * @param description what it does, for the model
 * @param parameters  the JSON Schema of its arguments, as JSON text (an object)
 */
public record Tool(String name, String description, String parameters) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Tool {
        checkName(name, "tool name");
        Objects.requireNonNull(description, "description");
        JsonText.object(parameters, "parameters of tool " + name);
    }

    /** The rule OpenAI applies to function and schema names. */
    static void checkName(String value, String what) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-64 letters, digits, '_' or '-', was '" + value + "'");
        }
    }
}
