package dev.ratchet.core.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The attempt is not kept. {@code stage} says where it failed: {@code execute} (no patch), {@code review} (the patch
 * breaks the session's guardrails; the verifier checks them again and runs nothing), {@code apply} (the patch does
 * not apply to the step's starting state), {@code check} (a check failed) or {@code verify} (the verifier could not
 * finish). {@code patch} is the executor's patch the verifier rejected (null at {@code execute}, where there is none,
 * and in verdicts written before it was carried), so a rejected candidate's diff can still be shown.
 */
public record StepRejected(UUID eventId, String sessionId, String stepId, int attempt, int variant, Instant occurredAt,
        Payload payload) implements StepVerdict {

    public static final String STAGE_EXECUTE = "execute";
    /** The patch breaks a guardrail of the session (the reason names the rule); nothing was run. */
    public static final String STAGE_REVIEW = "review";
    public static final String STAGE_APPLY = "apply";
    public static final String STAGE_CHECK = "check";
    /** The verifier itself could not finish (e.g. the workspace could not be prepared). */
    public static final String STAGE_VERIFY = "verify";

    public record Payload(String stage, String reason, String outputTail, List<CheckResult> checks,
            Execution execution, Verification verification, BlobRef patch) {

        /** A rejection with no patch to point at (the executor produced none, or none is known). */
        public Payload(String stage, String reason, String outputTail, List<CheckResult> checks, Execution execution,
                Verification verification) {
            this(stage, reason, outputTail, checks, execution, verification, null);
        }
    }

    public static StepRejected of(StepExecuted executed, Instant at, Payload payload) {
        return new StepRejected(EventIds.forStep(EventType.STEP_REJECTED, executed.sessionId(), executed.stepId(),
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
