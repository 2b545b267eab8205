package dev.ratchet.core.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An executor's result for one attempt: a unified diff against the step's starting state, stored in Redis and
 * referenced by {@code patch}, or an {@code error} when no patch could be produced (the verifier turns that into a
 * rejection, so the planner has one place to learn). {@code patch} is null when {@code error} is set.
 */
public record StepExecuted(UUID eventId, String sessionId, String stepId, int attempt, int variant, Instant occurredAt,
        Payload payload) implements RatchetEvent {

    public record Payload(StepWork work, BlobRef patch, PatchStats stats, Execution execution, String error) {
    }

    public static StepExecuted of(StepRequested request, Instant at, Payload payload) {
        return new StepExecuted(EventIds.forStep(EventType.STEP_EXECUTED, request.sessionId(), request.stepId(),
                request.attempt(), request.variant()), request.sessionId(), request.stepId(), request.attempt(),
                request.variant(), at, payload);
    }
}
