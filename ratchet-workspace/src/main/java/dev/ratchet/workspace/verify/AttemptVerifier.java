package dev.ratchet.workspace.verify;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import dev.ratchet.core.checks.Fixer;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.CleanupResult;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.plan.StepLineBound;
import dev.ratchet.core.timing.PhaseClock;
import dev.ratchet.workspace.Workspace;
import dev.ratchet.workspace.Workspaces;
import dev.ratchet.workspace.sandbox.CheckContext;

/**
 * Everything a verifier decides about one attempt, without Kafka or Redis, so the verifier service and the
 * benchmark's in-process baseline run the same steps: materialise the step's starting state, review the patch
 * against the guardrails and the step's own bound on changed lines ({@link PatchReview}), check that git applies it
 * and changes exactly what was reviewed, apply it, and run the step's checks on the resulting tree
 * ({@link StagedChecks}); then, when the session asks for it and the attempt passed, the cleanup pass
 * ({@link CleanupPass}).
 */
public final class AttemptVerifier {

    /**
     * One attempt to verify, all of it taken from the stored session by the caller, never from the event.
     *
     * @param startingPatches the accepted patches the step starts after, in order
     * @param checks the checks that judge this step, in stage order
     * @param stepBound the step's own bound on changed lines, from the session's stored plan (empty: none)
     */
    public record Request(String sessionId, String repo, String baseCommit, List<String> startingPatches, String patch,
            Guardrails guardrails, List<Check> checks, Optional<StepLineBound> stepBound, Optional<Fixer> cleanup) {

        /** An attempt of a session without the cleanup pass. */
        public Request(String sessionId, String repo, String baseCommit, List<String> startingPatches, String patch,
                Guardrails guardrails, List<Check> checks, Optional<StepLineBound> stepBound) {
            this(sessionId, repo, baseCommit, startingPatches, patch, guardrails, checks, stepBound, Optional.empty());
        }

        /** An attempt whose step has no bound of its own (the benchmark's, a plan without scope). */
        public Request(String sessionId, String repo, String baseCommit, List<String> startingPatches, String patch,
                Guardrails guardrails, List<Check> checks) {
            this(sessionId, repo, baseCommit, startingPatches, patch, guardrails, checks, Optional.empty());
        }
    }

    /**
     * The verifier's decision: verified when {@code stage} is null, else rejected at {@code stage} (review, apply,
     * check) with the reason and the detail a person or model can act on. A verified attempt of a session with the
     * cleanup pass also says what it did ({@code cleanup}) and, when it was applied, the step's patch: the
     * candidate's change plus the fixer's ({@code cleanedPatch}, null otherwise); {@code checks} are then the
     * cleaned tree's.
     */
    public record Outcome(String stage, String reason, String detail, List<CheckResult> checks, CleanupResult cleanup,
            String cleanedPatch) {

        public Outcome(String stage, String reason, String detail, List<CheckResult> checks) {
            this(stage, reason, detail, checks, null, null);
        }

        public boolean verified() {
            return stage == null;
        }

        static Outcome rejected(String stage, String reason, String detail, List<CheckResult> checks) {
            return new Outcome(stage, reason, detail, checks);
        }
    }

    private final Workspaces workspaces;
    private final StagedChecks checks;
    private final CleanupPass cleanup;

    /** A verifier without the cleanup pass: a session's fixer is not run (the benchmark's baseline). */
    public AttemptVerifier(Workspaces workspaces, StagedChecks checks) {
        this(workspaces, checks, null);
    }

    /** @param cleanup runs a session's fixer after a verified candidate; null for none */
    public AttemptVerifier(Workspaces workspaces, StagedChecks checks, CleanupPass cleanup) {
        this.workspaces = workspaces;
        this.checks = checks;
        this.cleanup = cleanup;
    }

    /**
     * @param stopped true once the work is no longer this verifier's: no check starts after that
     * @throws dev.ratchet.workspace.GitException when the starting state cannot be materialised
     * @throws VerificationStoppedException when {@code stopped} turned true
     */
    public Outcome verify(Request request, Artifacts artifacts, BooleanSupplier stopped) {
        return verify(request, artifacts, CheckContext.of(request.sessionId(), stopped));
    }

    /**
     * {@link #verify(Request, Artifacts, BooleanSupplier)} for the attempt {@code context} names (a check run as a
     * Kubernetes Job carries its session, step and attempt); no check starts after {@code context.stopped()}.
     */
    public Outcome verify(Request request, Artifacts artifacts, CheckContext context) {
        try (Workspace ws = workspaces.lease(request.sessionId(), request.repo(), request.baseCommit(),
                request.startingPatches())) {
            PhaseClock.lap("workspace");
            Optional<Outcome> refused = applyReviewed(ws, request.patch(), request.guardrails(), request.stepBound());
            if (refused.isPresent()) {
                return refused.get();
            }
            String tree = ws.writeTree();
            PhaseClock.lap("write-tree");
            List<CheckResult> results = checks.run(request.checks(), ws.dir(), tree, artifacts, context);
            Optional<CheckResult> failed = results.stream().filter(CheckResult::failed).findFirst();
            if (failed.isPresent()) {
                CheckResult f = failed.get();
                return Outcome.rejected(StepRejected.STAGE_CHECK, failure(f), f.outputTail(), results);
            }
            if (cleanup == null || request.cleanup().isEmpty()) {
                return new Outcome(null, null, null, results);
            }
            CleanupPass.Result cleaned = cleanup.run(ws, request.cleanup().get(), request, artifacts, context);
            return new Outcome(null, null, null, cleaned.applied() ? cleaned.checks() : results, cleaned.result(),
                    cleaned.applied() ? cleaned.patch() : null);
        }
    }

    /**
     * Reviews {@code patch} against the state the workspace holds and applies it to the index: a rejection, or empty
     * once applied. Git must change exactly the paths the review saw.
     */
    static Optional<Outcome> applyReviewed(Workspace ws, String patch, Guardrails guardrails,
            Optional<StepLineBound> stepBound) {
        PatchReview.Result review = PatchReview.review(patch, ws.dir(), guardrails, stepBound);
        PhaseClock.lap("review");
        if (review.rejection().isPresent()) {
            PatchReview.Rejection r = review.rejection().get();
            return Optional.of(Outcome.rejected(r.stage(), r.reason(), r.detail(), List.of()));
        }
        // One process: git applies all of it or nothing, so a separate --check first would only repeat it.
        Optional<String> misfit = ws.tryApply(patch);
        if (misfit.isPresent()) {
            return Optional.of(Outcome.rejected(StepRejected.STAGE_APPLY,
                    "the patch does not apply to the step's starting state", misfit.get(), List.of()));
        }
        Set<String> applied = new TreeSet<>(ws.changedPaths());
        if (!applied.equals(new TreeSet<>(review.paths()))) {
            // The core parser and git read the same text differently: judge what git would run, never less.
            return Optional.of(Outcome.rejected(StepRejected.STAGE_REVIEW, "the patch changes other files for git"
                    + " than the review saw: git " + applied + ", review " + new TreeSet<>(review.paths()), null,
                    List.of()));
        }
        PhaseClock.lap("apply");
        return Optional.empty();
    }

    private static String failure(CheckResult result) {
        return result.timedOut()
                ? "check '" + result.name() + "' timed out after " + result.durationMs() + " ms"
                : "check '" + result.name() + "' failed (exit " + result.exitCode() + ")";
    }
}
