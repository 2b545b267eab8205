package dev.ratchet.core.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Asks an executor to carry out one attempt of one step. {@code feedback} holds the reasons earlier attempts of the
 * step were rejected, so a retry does not repeat them.
 */
public record StepRequested(UUID eventId, String sessionId, String stepId, int attempt, int variant, Instant occurredAt,
        Payload payload) implements RatchetEvent {

    public record Payload(StepWork work, List<String> feedback, int contextBudgetTokens,
            @JsonInclude(JsonInclude.Include.NON_NULL) Sampling sampling) {

        @JsonCreator
        public Payload {
        }

        /** One variant's request: the model samples as configured for the executor. */
        public Payload(StepWork work, List<String> feedback, int contextBudgetTokens) {
            this(work, feedback, contextBudgetTokens, null);
        }
    }

    public static StepRequested of(String sessionId, String stepId, int attempt, int variant, Instant at,
            Payload payload) {
        return new StepRequested(EventIds.forStep(EventType.STEP_REQUESTED, sessionId, stepId, attempt, variant),
                sessionId, stepId, attempt, variant, at, payload);
    }
}
