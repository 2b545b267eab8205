package dev.ratchet.core.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A CloudEvent (specification 1.0) a CI system sent, in either HTTP mode, as one JSON object: its context
 * attributes and its {@code data} (a JSON value, or the body as text when its content type is not JSON), exactly as
 * the structured mode writes it. A template's JSON pointers ({@code /subject}, {@code /data/ref}) read it the same
 * way whichever mode the sender chose.
 */
public record CiEvent(ObjectNode event) {

    public String id() {
        return event.path("id").asText();
    }

    public String source() {
        return event.path("source").asText();
    }

    public String type() {
        return event.path("type").asText();
    }

    /** The value at {@code pointer} ({@code /data/ref}); missing when the event has none there. */
    public JsonNode at(String pointer) {
        return event.at(pointer);
    }
}
