package dev.ratchet.core.event;

import java.time.Instant;
import java.util.UUID;

/** The session stopped: planning failed, or a step used all its attempts. Verified steps stay in the patch chain. */
public record SessionFailed(UUID eventId, String sessionId, String stepId, int attempt, int variant, Instant occurredAt,
        Payload payload) implements RatchetEvent {

    /**
     * {@code usage}, {@code durationMs} and {@code plannedFrom} were added to v1 as optional fields (absent, null, in
     * events written before them; readers of the older shape ignore them): what the session cost, and the skill its
     * plan came from ({@code name@version}), by which the registry counts a failed replay.
     */
    public record Payload(String repo, String goal, String reason, int verifiedSteps, Usage usage, Long durationMs,
            String plannedFrom) {

        public Payload(String repo, String goal, String reason, int verifiedSteps) {
            this(repo, goal, reason, verifiedSteps, null, null, null);
        }
    }

    public static SessionFailed of(String sessionId, String stepId, int attempt, Instant at, Payload payload) {
        return new SessionFailed(EventIds.forSession(EventType.SESSION_FAILED, sessionId), sessionId, stepId, attempt,
                0, at, payload);
    }
}
