package dev.ratchet.core.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Common envelope of every Ratchet event. Session-level events have no step: {@code stepId} is null and
 * {@code attempt}/{@code variant} are 0.
 */
public sealed interface RatchetEvent permits SessionCreated, StepRequested, StepExecuted, StepVerdict,
        SessionCompleted, SessionFailed {

    UUID eventId();

    String sessionId();

    String stepId();

    int attempt();

    int variant();

    Instant occurredAt();

    default EventType eventType() {
        return EventType.of(getClass());
    }
}
