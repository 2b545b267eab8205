package dev.ratchet.core.event;

import java.time.Instant;
import java.util.UUID;

/** The session stopped: planning failed, or a step used all its attempts. Verified steps stay in the patch chain. */
public record SessionFailed(UUID eventId, String sessionId, String stepId, int attempt, int variant, Instant occurredAt,
        Payload payload) implements RatchetEvent {

    public record Payload(String repo, String goal, String reason, int verifiedSteps) {
    }

    public static SessionFailed of(String sessionId, String stepId, int attempt, Instant at, Payload payload) {
        return new SessionFailed(EventIds.forSession(EventType.SESSION_FAILED, sessionId), sessionId, stepId, attempt,
                0, at, payload);
    }
}
