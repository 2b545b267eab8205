package dev.ratchet.core.event;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An executor's result for one attempt: a unified diff against the step's starting state, stored in Redis and
 * referenced by {@code patch}, or an {@code error} when no patch could be produced (the verifier turns that into a
 * rejection, so the planner has one place to learn). {@code patch} is null when {@code error} is set.
 * {@code sampling} is the request's: set for a variant of an attempt fanned out to several (so the verifier's
 * progress lines can name the variant), absent otherwise and in results written before it was carried.
 */
public record StepExecuted(UUID eventId, String sessionId, String stepId, int attempt, int variant, Instant occurredAt,
        Payload payload) implements RatchetEvent {

    public record Payload(StepWork work, BlobRef patch, PatchStats stats, Execution execution, String error,
            @JsonInclude(JsonInclude.Include.NON_NULL) Sampling sampling) {

        @JsonCreator
        public Payload {
        }

        /** A one-variant attempt's result, or a person's candidate's. */
        public Payload(StepWork work, BlobRef patch, PatchStats stats, Execution execution, String error) {
            this(work, patch, stats, execution, error, null);
        }
    }

    /** True for a variant of an attempt fanned out to several (its request had sampling). */
    public boolean fannedOut() {
        return payload.sampling() != null;
    }

    public static StepExecuted of(StepRequested request, Instant at, Payload payload) {
        return new StepExecuted(EventIds.forStep(EventType.STEP_EXECUTED, request.sessionId(), request.stepId(),
                request.attempt(), request.variant()), request.sessionId(), request.stepId(), request.attempt(),
                request.variant(), at, payload);
    }
}
