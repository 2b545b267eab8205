package dev.ratchet.core.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.CleanupResult;
import dev.ratchet.core.json.Json;

/** Every outcome of the cleanup pass, decided from what the fixer, the review and the checks said. */
class CleanupDecisionTest {

    static final Fixer FIXER = Fixer.of("strip", "python3 strip.py", 30);
    static final CleanupDecision.FixerRun RAN = new CleanupDecision.FixerRun(0, false, 120, 30);
    /** One line changed by the fixer: a trailing space removed. */
    static final String FIXER_PATCH = "diff --git a/app.py b/app.py\n--- a/app.py\n+++ b/app.py\n"
            + "@@ -1 +1 @@\n-print('hello') \n+print('hello')\n";

    @Test
    void aFixerThatChangedNothingEndsThePassAsUnchanged() {
        Optional<CleanupResult> end = CleanupDecision.afterFixer(FIXER, RAN, "");

        assertThat(end).contains(new CleanupResult("strip", CleanupResult.UNCHANGED, null, 0, 120));
        assertThat(end.get().summary()).isEqualTo("cleanup strip: no changes");
    }

    @Test
    void aFixerThatTimedOutIsDiscardedWithTheTimeout() {
        Optional<CleanupResult> end = CleanupDecision.afterFixer(FIXER,
                new CleanupDecision.FixerRun(-1, true, 30_000, 30), FIXER_PATCH);

        assertThat(end).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(CleanupResult.DISCARDED);
            assertThat(r.reason()).isEqualTo("the fixer timed out after 30 s");
            assertThat(r.changedLines()).isZero();
        });
    }

    @Test
    void aFixerThatFailedIsDiscardedWithItsExitStatus() {
        Optional<CleanupResult> end = CleanupDecision.afterFixer(FIXER, new CleanupDecision.FixerRun(2, false, 50, 30),
                FIXER_PATCH);

        assertThat(end).get().extracting(CleanupResult::status, CleanupResult::reason)
                .containsExactly(CleanupResult.DISCARDED, "the fixer failed (exit 2)");
    }

    @Test
    void aChangeThatCouldNotBeReadBackIsDiscarded() {
        assertThat(CleanupDecision.afterFixer(FIXER, RAN, null)).get().extracting(CleanupResult::status)
                .isEqualTo(CleanupResult.DISCARDED);
    }

    @Test
    void aChangeGoesOnToTheReviewAndAReviewThatPassesGoesOnToTheChecks() {
        assertThat(CleanupDecision.afterFixer(FIXER, RAN, FIXER_PATCH)).isEmpty();
        assertThat(CleanupDecision.afterReview(FIXER, RAN, FIXER_PATCH, Optional.empty())).isEmpty();
    }

    @Test
    void aCleanedPatchTheGuardrailsRefuseIsDiscardedNamingTheRule() {
        Optional<CleanupResult> end = CleanupDecision.afterReview(FIXER, RAN, FIXER_PATCH,
                Optional.of("is rejected by guardrail read-only: vendor/lib.py"));

        assertThat(end).get().extracting(CleanupResult::status, CleanupResult::reason, CleanupResult::changedLines)
                .containsExactly(CleanupResult.DISCARDED,
                        "the cleaned patch is rejected by guardrail read-only: vendor/lib.py", 2);
    }

    @Test
    void everyCheckPassingAgainAppliesTheCleanupWithTheFixersLines() {
        CleanupResult result = CleanupDecision.afterChecks(FIXER, RAN, FIXER_PATCH,
                List.of(new CheckResult("unit", "python3 -m unittest", 0, true, false, 800, "OK")));

        assertThat(result).isEqualTo(new CleanupResult("strip", CleanupResult.APPLIED, null, 2, 120));
        assertThat(result.applied()).isTrue();
        assertThat(result.summary()).isEqualTo("cleanup strip: applied (2 changed lines)");
    }

    @Test
    void aCheckThatFailsOrTimesOutOnTheCleanedTreeDiscardsTheCleanup() {
        CleanupResult failed = CleanupDecision.afterChecks(FIXER, RAN, FIXER_PATCH, List.of(
                new CheckResult("lint", "ruff check .", 0, true, false, 80, ""),
                new CheckResult("unit", "python3 -m unittest", 1, false, false, 800, "FAILED")));
        CleanupResult timedOut = CleanupDecision.afterChecks(FIXER, RAN, FIXER_PATCH,
                List.of(new CheckResult("unit", "python3 -m unittest", -1, false, true, 60_000, "")));

        assertThat(failed.status()).isEqualTo(CleanupResult.DISCARDED);
        assertThat(failed.reason()).isEqualTo("check 'unit' failed (exit 1) on the cleaned tree");
        assertThat(failed.summary()).isEqualTo("cleanup strip: discarded: check 'unit' failed (exit 1) on the"
                + " cleaned tree");
        assertThat(timedOut.reason()).isEqualTo("check 'unit' timed out on the cleaned tree");
    }

    @Test
    void aSkippedCheckDoesNotDiscardTheCleanup() {
        CleanupResult result = CleanupDecision.afterChecks(FIXER, RAN, FIXER_PATCH,
                List.of(CheckResult.skipped(new dev.ratchet.core.event.Check("ui", "serve", 30), "no Chromium")));

        assertThat(result.status()).isEqualTo(CleanupResult.APPLIED);
    }

    @Test
    void theFixerIsReadWithItsDefaultsAndJudgedFieldByField() throws Exception {
        Fixer read = Json.mapper().readValue("{\"command\": \"gofmt -w .\"}", Fixer.class);

        assertThat(read).isEqualTo(new Fixer("cleanup", "gofmt -w .", 120));
        assertThat(read.violations("cleanup")).isEmpty();
        assertThat(Fixer.of("", " ", 0).violations("cleanup")).extracting(v -> v.field())
                .containsExactly("cleanup.name", "cleanup.command", "cleanup.timeoutSeconds");
    }
}
