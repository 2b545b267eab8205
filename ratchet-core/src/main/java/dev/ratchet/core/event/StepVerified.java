package dev.ratchet.core.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The verifier applied the attempt's patch (stored in Redis, referenced by {@code patch}) to the step's starting
 * state and every check passed.
 */
public record StepVerified(UUID eventId, String sessionId, String stepId, int attempt, int variant, Instant occurredAt,
        Payload payload) implements StepVerdict {

    public record Payload(BlobRef patch, PatchStats stats, List<CheckResult> checks, Execution execution,
            Verification verification) {
    }

    public static StepVerified of(StepExecuted executed, Instant at, Payload payload) {
        return new StepVerified(EventIds.forStep(EventType.STEP_VERIFIED, executed.sessionId(), executed.stepId(),
                executed.attempt(), executed.variant()), executed.sessionId(), executed.stepId(), executed.attempt(),
                executed.variant(), at, payload);
    }

    @Override
    public Execution execution() {
        return payload.execution();
    }

    @Override
    public Verification verification() {
        return payload.verification();
    }
}
