package dev.ratchet.core.checks;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.ratchet.core.json.Json;

/**
 * The {@code cleanup} of a session request: {@code false} (the default: no cleanup pass), {@code true} (run the
 * fixer the repository's VERIFY.md declares at the base commit) or a fixer object {@code {command, timeoutSeconds,
 * name}} (run that one). Unknown fields of the object are errors, as everywhere in the API.
 *
 * @param fixer the request's own fixer, null to take the repository's
 */
public record CleanupOption(boolean enabled, Fixer fixer) {

    public static final CleanupOption OFF = new CleanupOption(false, null);

    private static final ObjectReader FIXER = Json.mapper().readerFor(Fixer.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CleanupOption of(JsonNode node) {
        if (node == null || node.isNull()) {
            return OFF;
        }
        if (node.isBoolean()) {
            return new CleanupOption(node.booleanValue(), null);
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("cleanup must be true, false or a fixer {\"command\", "
                    + "\"timeoutSeconds\", \"name\"}");
        }
        try {
            return new CleanupOption(true, FIXER.readValue(node));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cleanup must be a fixer {\"command\", \"timeoutSeconds\", \"name\"}: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
