package dev.ratchet.core.checks;

import java.util.List;
import java.util.Optional;

import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.CleanupResult;
import dev.ratchet.core.patch.DiffStats;
import dev.ratchet.core.event.PatchStats;

/**
 * The cleanup pass's decisions, pure, in the order the verifier meets them: after the fixer ran, after the combined
 * patch (the candidate's change plus the fixer's) was reviewed under the session's guardrails, and after the step's
 * checks ran again on the cleaned tree. Each of the first two either ends the pass or lets it go on (empty). The
 * candidate was verified before any of this, so every outcome keeps the step verified: a discarded cleanup only
 * means the candidate's own patch is kept, with the reason.
 */
public final class CleanupDecision {

    private CleanupDecision() {
    }

    /** What the fixer did in its sandbox. */
    public record FixerRun(int exitCode, boolean timedOut, long durationMs, int timeoutSeconds) {
    }

    /**
     * @param fixerPatch the fixer's own change on top of the candidate, as a unified diff; null when it could not
     *        be read back (the fixer broke the copy's git, or the change was over the size read back)
     * @return the end of the pass, or empty to review the change
     */
    public static Optional<CleanupResult> afterFixer(Fixer fixer, FixerRun run, String fixerPatch) {
        if (run.timedOut()) {
            return discarded(fixer, run, 0, "the fixer timed out after " + run.timeoutSeconds() + " s");
        }
        if (run.exitCode() != 0) {
            return discarded(fixer, run, 0, "the fixer failed (exit " + run.exitCode() + ")");
        }
        if (fixerPatch == null) {
            return discarded(fixer, run, 0, "the fixer's change could not be read back (over 8 MiB, or the copy's"
                    + " git was broken)");
        }
        if (fixerPatch.isBlank()) {
            return Optional.of(new CleanupResult(fixer.name(), CleanupResult.UNCHANGED, null, 0, run.durationMs()));
        }
        return Optional.empty();
    }

    /**
     * @param rejection why the combined patch may not be the step's (a guardrail it breaks, the step's bound on
     *        changed lines, git reading it differently), if it may not
     * @return the end of the pass, or empty to run the checks again
     */
    public static Optional<CleanupResult> afterReview(Fixer fixer, FixerRun run, String fixerPatch,
            Optional<String> rejection) {
        return rejection.flatMap(r -> discarded(fixer, run, changedLines(fixerPatch), "the cleaned patch " + r));
    }

    /** @param rechecks the step's checks on the cleaned tree, in order, stopped at the first failure */
    public static CleanupResult afterChecks(Fixer fixer, FixerRun run, String fixerPatch, List<CheckResult> rechecks) {
        int lines = changedLines(fixerPatch);
        Optional<CheckResult> failed = rechecks.stream().filter(CheckResult::failed).findFirst();
        if (failed.isPresent()) {
            CheckResult f = failed.get();
            return new CleanupResult(fixer.name(), CleanupResult.DISCARDED, "check '" + f.name() + "' "
                    + (f.timedOut() ? "timed out" : "failed (exit " + f.exitCode() + ")") + " on the cleaned tree",
                    lines, run.durationMs());
        }
        return new CleanupResult(fixer.name(), CleanupResult.APPLIED, null, lines, run.durationMs());
    }

    /** Lines the fixer added plus removed. */
    public static int changedLines(String fixerPatch) {
        if (fixerPatch == null || fixerPatch.isBlank()) {
            return 0;
        }
        PatchStats stats = DiffStats.of(fixerPatch);
        return stats.linesAdded() + stats.linesRemoved();
    }

    private static Optional<CleanupResult> discarded(Fixer fixer, FixerRun run, int lines, String reason) {
        return Optional.of(new CleanupResult(fixer.name(), CleanupResult.DISCARDED, reason, lines, run.durationMs()));
    }
}
