package dev.ratchet.core.event;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids are derived from what the event is about, not drawn at random: re-sending the same decision after a
 * crash produces the same id, which consumers already know how to ignore.
 */
public final class EventIds {

    private EventIds() {
    }

    public static UUID forSession(EventType type, String sessionId) {
        return name(type.ceType() + "|" + sessionId);
    }

    public static UUID forStep(EventType type, String sessionId, String stepId, int attempt, int variant) {
        return name(type.ceType() + "|" + sessionId + "|" + stepId + "|" + attempt + "|" + variant);
    }

    private static UUID name(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
