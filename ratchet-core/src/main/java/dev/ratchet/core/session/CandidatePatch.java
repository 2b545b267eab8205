package dev.ratchet.core.session;

import java.util.List;
import java.util.Optional;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.StepRejected;

/**
 * Where the diff of one candidate of a step is kept, found as soon as it was verified or rejected (before the
 * session completes, when the result branch does not exist yet): a fanned-out attempt's variant on its
 * {@link VariantOutcome} (a loser's too: a rejection names the patch it rejected), a person's candidate (variant
 * {@link Candidate#VARIANT_BASE} + n) on its {@link Candidate}, a one-variant attempt's patch in the accepted-patch
 * chain. Either {@code patch} is set, with the candidate's {@code status} and, when rejected, the {@code stage} and
 * {@code reason}, or {@code missing} says, naming the step, attempt and variant, why there is none.
 *
 * <p>No diff is kept for a rejected one-variant attempt (the attempt keeps no patch reference) nor for a variant
 * rejected at {@code execute} or by a verdict written before rejections carried their patch.
 */
public record CandidatePatch(BlobRef patch, String status, String stage, String reason, String missing) {

    /** The diff of variant {@code variant} of attempt {@code attempt} of {@code step}. */
    public static CandidatePatch find(StepState step, int attempt, int variant, List<AcceptedPatch> accepted) {
        String what = "variant " + variant + " of attempt " + attempt + " of step " + step.id();
        if (variant > Candidate.VARIANT_BASE) {
            return step.candidate(variant).filter(c -> c.attempt() == attempt)
                    .map(c -> found(c.patch(), c.status().name(), c.stage(), c.reason(), what))
                    .orElseGet(() -> missing("step " + step.id() + " has no person's candidate " + variant
                            + " on attempt " + attempt));
        }
        Optional<Attempt> found = step.attempts().stream().filter(a -> a.number() == attempt).findFirst();
        if (found.isEmpty()) {
            return missing("step " + step.id() + " has no attempt " + attempt);
        }
        Attempt a = found.get();
        if (variant < 0 || variant >= a.width()) {
            return missing("attempt " + attempt + " of step " + step.id() + " has " + (a.width() == 1
                    ? "one variant (0)" : "variants 0 to " + (a.width() - 1)) + ", not " + variant);
        }
        if (a.fanOut() > 0) {
            return a.outcome(variant).map(o -> o.patch() != null
                    ? found(o.patch(), o.status().name(), o.stage(), o.reason(), what)
                    : missing(what + " was rejected" + (o.stage() == null ? "" : " at " + o.stage())
                            + " with no patch to show" + (StepRejected.STAGE_EXECUTE.equals(o.stage())
                                    ? " (the executor produced none)" : " (its verdict names none)")))
                    .orElseGet(() -> missing(what + " has no verdict yet"));
        }
        return accepted.stream().filter(p -> p.stepId().equals(step.id()) && p.attempt() == attempt
                && p.variant() == variant).findFirst()
                .map(p -> found(p.patch(), AttemptStatus.VERIFIED.name(), null, null, what))
                .orElseGet(() -> missing(a.status() == AttemptStatus.VERIFIED
                        ? what + " was verified, but its patch left the chain when the step was redone"
                        : what + " is " + a.status() + ": only a verified attempt's patch is kept"));
    }

    public Optional<BlobRef> ref() {
        return Optional.ofNullable(patch);
    }

    /** True for a candidate the verifier turned down (its diff is shown all the same, labelled so). */
    public boolean rejected() {
        return AttemptStatus.REJECTED.name().equals(status) || Candidate.Status.REJECTED.name().equals(status);
    }

    private static CandidatePatch found(BlobRef patch, String status, String stage, String reason, String what) {
        return patch == null ? missing(what + " has no patch") : new CandidatePatch(patch, status, stage, reason, null);
    }

    private static CandidatePatch missing(String why) {
        return new CandidatePatch(null, null, null, null, why);
    }
}
