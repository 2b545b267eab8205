package dev.ratchet.workspace.verify;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.guardrail.GuardedApply;
import dev.ratchet.core.guardrail.GuardrailException;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.patch.ChangePlan;
import dev.ratchet.core.patch.ChangeSet;
import dev.ratchet.core.patch.DiskRepo;
import dev.ratchet.core.patch.EditFormat;
import dev.ratchet.core.patch.Edits;
import dev.ratchet.core.patch.FileEdit;
import dev.ratchet.core.patch.PatchApplyException;
import dev.ratchet.core.patch.PatchFormatException;
import dev.ratchet.core.plan.StepLineBound;

/**
 * The review stage: before anything runs, the stored patch is read with the core parsers and judged by the
 * session's guardrails against the step's starting state on disk ({@link GuardedApply#check} on a {@link DiskRepo},
 * which never follows a symlink), without writing. The executor applies the same rules, but the verifier trusts
 * nothing it is sent: a patch that reached the topic some other way is judged here all the same. A patch within the
 * guardrails is then held to the step's own bound on changed lines, when its plan gives one ({@link StepLineBound}).
 */
public final class PatchReview {

    /** Why the patch is not reviewed further: a verdict's stage, reason and detail. */
    public record Rejection(String stage, String reason, String detail) {
    }

    /**
     * What the review found: a rejection, or the paths the patch changes (each edit's path and a rename's source),
     * which {@code git apply} must then change exactly.
     */
    public record Result(Optional<Rejection> rejection, Set<String> paths) {
    }

    private PatchReview() {
    }

    public static Result review(String patch, Path startingState, Guardrails guardrails) {
        return review(patch, startingState, guardrails, Optional.empty());
    }

    /** @param stepBound the step's own bound on changed lines, from the session's stored plan */
    public static Result review(String patch, Path startingState, Guardrails guardrails,
            Optional<StepLineBound> stepBound) {
        if (patch.isBlank()) {
            return rejected(StepRejected.STAGE_APPLY, "the patch is empty: the step changed nothing", null);
        }
        ChangeSet changes;
        try {
            if (Edits.detect(patch) != EditFormat.UNIFIED_DIFF) {
                return rejected(StepRejected.STAGE_REVIEW, "the stored patch is not a unified diff ("
                        + Edits.detect(patch) + "); executors store what git diff writes", null);
            }
            changes = Edits.parse(patch);
        } catch (PatchFormatException e) {
            return rejected(StepRejected.STAGE_APPLY, "the patch is not a well-formed unified diff", e.getMessage());
        }
        DiskRepo repo = new DiskRepo(startingState);
        try {
            ChangePlan plan = GuardedApply.check(changes, repo, repo, guardrails);
            Optional<StepLineBound.Excess> excess = stepBound.flatMap(b -> b.excess(plan.edits(), guardrails));
            if (excess.isPresent()) {
                return rejected(StepRejected.STAGE_REVIEW, excess.get().reason(), excess.get().detail());
            }
            Set<String> paths = new LinkedHashSet<>();
            for (FileEdit edit : plan.edits()) {
                if (edit.from() != null) {
                    paths.add(edit.from());
                }
                paths.add(edit.path());
            }
            return new Result(Optional.empty(), paths);
        } catch (GuardrailException e) {
            return rejected(StepRejected.STAGE_REVIEW, "rejected by guardrail " + e.violations().stream()
                    .map(v -> v.rule().id() + (v.path() == null ? "" : ": " + v.path()))
                    .distinct().collect(Collectors.joining("; ")), e.getMessage());
        } catch (PatchApplyException e) {
            return rejected(StepRejected.STAGE_APPLY, "the patch does not apply to the step's starting state",
                    e.getMessage());
        }
    }

    private static Result rejected(String stage, String reason, String detail) {
        return new Result(Optional.of(new Rejection(stage, reason, detail)), Set.of());
    }
}
