package dev.ratchet.core.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An executor's result for one attempt: a unified diff against the step's starting state, or an {@code error} when
 * no patch could be produced (the verifier turns that into a rejection, so the planner has one place to learn).
 */
public record StepExecuted(UUID eventId, String sessionId, String stepId, int attempt, int variant, Instant occurredAt,
        Payload payload) implements RatchetEvent {

    public record Payload(StepWork work, String patch, PatchStats stats, Execution execution, String error) {
    }

    public static StepExecuted of(StepRequested request, Instant at, Payload payload) {
        return new StepExecuted(EventIds.forStep(EventType.STEP_EXECUTED, request.sessionId(), request.stepId(),
                request.attempt(), request.variant()), request.sessionId(), request.stepId(), request.attempt(),
                request.variant(), at, payload);
    }
}
