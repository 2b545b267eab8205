package dev.ratchet.core.session;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ratchet.core.checks.LintFindings;
import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.CleanupResult;
import dev.ratchet.core.event.EventIds;
import dev.ratchet.core.event.EventType;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepVerdict;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.event.Verification;

/**
 * One variant's verdict, kept on its attempt when the attempt fanned out to several: enough to accept it later (the
 * patch, its size, checks, who made it and what it cost) or to feed its rejection back, and, once the attempt is
 * decided, whether it won and why ({@code note}, from {@link VariantSelection#why}).
 *
 * @param outputTail a rejected variant's output, cut to its last {@link #MAX_TAIL_CHARS} characters
 * @param patch the variant's patch: a verified one's, or the one a rejection names (null when it had none, or its
 *        verdict predates rejections carrying it); {@code stats} stay a verified variant's only, since selection
 *        ranks by them (with an applied cleanup, the cleaned patch's: the fixer's lines count too)
 * @param cleanup what the session's cleanup pass did with a verified variant (null without one)
 */
public record VariantOutcome(int variant, AttemptStatus status, Instant decidedAt, String stage, String reason,
        String outputTail, BlobRef patch, PatchStats stats, List<CheckResult> checks, Execution execution,
        Verification verification, boolean chosen, String note,
        @JsonInclude(JsonInclude.Include.NON_NULL) CleanupResult cleanup) {

    /**
     * As much output as feedback ever uses (SessionMachine keeps the last 1,500 characters): 64 variants then hold
     * at most about 100 KB of output in the session hash.
     */
    static final int MAX_TAIL_CHARS = 1500;

    public VariantOutcome {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** A variant of a session without the cleanup pass. */
    public VariantOutcome(int variant, AttemptStatus status, Instant decidedAt, String stage, String reason,
            String outputTail, BlobRef patch, PatchStats stats, List<CheckResult> checks, Execution execution,
            Verification verification, boolean chosen, String note) {
        this(variant, status, decidedAt, stage, reason, outputTail, patch, stats, checks, execution, verification,
                chosen, note, null);
    }

    static VariantOutcome of(StepVerdict verdict, Instant at) {
        if (verdict instanceof StepVerified v) {
            return new VariantOutcome(v.variant(), AttemptStatus.VERIFIED, at, null, null, null, v.payload().patch(),
                    v.payload().stats(), v.payload().checks(), v.execution(), v.verification(), false, null,
                    v.payload().cleanup());
        }
        StepRejected r = (StepRejected) verdict;
        String tail = r.payload().outputTail();
        if (tail != null && tail.length() > MAX_TAIL_CHARS) {
            tail = tail.substring(tail.length() - MAX_TAIL_CHARS);
        }
        return new VariantOutcome(r.variant(), AttemptStatus.REJECTED, at, r.payload().stage(), r.payload().reason(),
                tail, r.payload().patch(), null, r.payload().checks(), r.execution(), r.verification(), false, null);
    }

    public boolean passed() {
        return status == AttemptStatus.VERIFIED;
    }

    /** Lines added plus lines removed; {@link Integer#MAX_VALUE} when there is no patch to count. */
    public int changedLines() {
        return stats == null ? Integer.MAX_VALUE : stats.linesAdded() + stats.linesRemoved();
    }

    /**
     * The lint findings of this variant's checks together ({@link LintFindings#total}); null when none of its checks
     * was counted (no review or fast stage check, or a verdict older than the count).
     */
    public Integer lintFindings() {
        return LintFindings.total(checks);
    }

    /** The model's tokens for this variant, in and out: what it cost. */
    public long tokens() {
        Usage usage = execution == null || execution.usage() == null ? Usage.NONE : execution.usage();
        return (long) usage.tokensIn() + usage.tokensOut();
    }

    /** The checks that failed, by name. */
    public List<String> failedChecks() {
        return checks.stream().filter(c -> !c.passed() && c.skipped() == null).map(CheckResult::name).toList();
    }

    VariantOutcome decided(boolean won, String why) {
        return new VariantOutcome(variant, status, decidedAt, stage, reason, outputTail, patch, stats, checks,
                execution, verification, won, why, cleanup);
    }

    /** The verdict again, as the verifier sent it (same id): the attempt is decided on it like on any verdict. */
    StepVerdict verdict(String sessionId, String stepId, int attempt) {
        if (passed()) {
            return new StepVerified(EventIds.forStep(EventType.STEP_VERIFIED, sessionId, stepId, attempt, variant),
                    sessionId, stepId, attempt, variant, decidedAt, new StepVerified.Payload(patch, stats, checks,
                            execution, verification, cleanup));
        }
        return new StepRejected(EventIds.forStep(EventType.STEP_REJECTED, sessionId, stepId, attempt, variant),
                sessionId, stepId, attempt, variant, decidedAt, new StepRejected.Payload(stage, reason, outputTail,
                        checks, execution, verification, patch));
    }
}
