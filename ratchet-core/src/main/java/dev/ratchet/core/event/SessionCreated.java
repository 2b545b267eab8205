package dev.ratchet.core.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record SessionCreated(UUID eventId, String sessionId, String stepId, int attempt, int variant, Instant occurredAt,
        Payload payload) implements RatchetEvent {

    public record Payload(String repo, String goal, String baseCommit, List<Check> checks) {
    }

    public static SessionCreated of(String sessionId, Instant at, Payload payload) {
        return new SessionCreated(EventIds.forSession(EventType.SESSION_CREATED, sessionId), sessionId, null, 0, 0, at,
                payload);
    }
}
