package dev.ratchet.core.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The verifier applied the attempt's patch (stored in Redis, referenced by {@code patch}) to the step's starting
 * state and every check passed.
 */
public record StepVerified(UUID eventId, String sessionId, String stepId, int attempt, int variant, Instant occurredAt,
        Payload payload) implements StepVerdict {

    /**
     * @param patch the step's patch if this candidate wins: the executor's, or with an applied cleanup the executor's
     *        change plus the fixer's ({@code stats} count that patch)
     * @param cleanup what the session's cleanup pass did (absent when the session runs none, and in verdicts written
     *        before it existed)
     */
    public record Payload(BlobRef patch, PatchStats stats, List<CheckResult> checks, Execution execution,
            Verification verification, @JsonInclude(JsonInclude.Include.NON_NULL) CleanupResult cleanup) {

        /** A verdict of a session without the cleanup pass. */
        public Payload(BlobRef patch, PatchStats stats, List<CheckResult> checks, Execution execution,
                Verification verification) {
            this(patch, stats, checks, execution, verification, null);
        }
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
