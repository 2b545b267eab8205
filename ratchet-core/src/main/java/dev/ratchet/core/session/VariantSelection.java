package dev.ratchet.core.session;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.ratchet.core.checks.LintFindings;
import dev.ratchet.core.event.StepRejected;

/**
 * Chooses among the variants of one attempt, a pure function of their outcomes: a passing variant first, then the
 * fewest changed lines (a smaller patch is easier to review and less likely to touch what it need not), then the
 * fewest lint findings (a passing linter may still warn; an unknown count, null, sorts after every known one: a
 * variant whose lint was not counted cannot claim to be clean), then the fewest tokens (the cheaper answer), then
 * the lowest variant id, so the same verdicts always choose the same
 * winner whatever order they arrived in. When none passed, the best failing variant is the one whose feedback the
 * next attempt gets: the one that got furthest (a failed check is closer to done than a patch that did not apply).
 */
public final class VariantSelection {

    static final Comparator<VariantOutcome> BEST = Comparator
            .comparing((VariantOutcome o) -> !o.passed())
            .thenComparingInt(VariantOutcome::changedLines)
            .thenComparing(VariantOutcome::lintFindings, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingLong(VariantOutcome::tokens)
            .thenComparingInt(VariantOutcome::variant);

    /** Where a rejected variant stopped, furthest first: it failed a check, then broke a rule, then no patch. */
    private static final List<String> FURTHEST_FIRST = List.of(StepRejected.STAGE_CHECK, StepRejected.STAGE_VERIFY,
            StepRejected.STAGE_REVIEW, StepRejected.STAGE_APPLY, StepRejected.STAGE_EXECUTE);

    static final Comparator<VariantOutcome> BEST_FAILING = Comparator
            .comparingInt((VariantOutcome o) -> stageRank(o.stage()))
            .thenComparingInt(o -> o.failedChecks().size())
            .thenComparingLong(VariantOutcome::tokens)
            .thenComparingInt(VariantOutcome::variant);

    private VariantSelection() {
    }

    /** The winner: the best passing variant; empty when none passed. */
    public static Optional<VariantOutcome> winner(List<VariantOutcome> outcomes) {
        return outcomes.stream().filter(VariantOutcome::passed).min(BEST);
    }

    /** The failing variant whose rejection the attempt reports and the next attempt learns from. */
    public static Optional<VariantOutcome> bestFailing(List<VariantOutcome> outcomes) {
        return outcomes.stream().filter(o -> !o.passed()).min(BEST_FAILING);
    }

    /**
     * Every outcome marked: the chosen one (the winner, or the best failing when none passed) and why each other
     * did not win, in words a person reads in VERIFY.md.
     */
    static List<VariantOutcome> decide(List<VariantOutcome> outcomes, VariantOutcome chosen, Selection select) {
        String note = !chosen.passed() ? "no variant passed; this one got furthest, its feedback goes to the next "
                + "attempt" : select == Selection.FIRST ? "winner: the first to pass (select: first)"
                : "winner: " + won(chosen, outcomes);
        return outcomes.stream().map(o -> o.variant() == chosen.variant() ? o.decided(true, note)
                : o.decided(false, why(chosen, o))).toList();
    }

    /** Why {@code loser} did not win against {@code winner}. */
    static String why(VariantOutcome winner, VariantOutcome loser) {
        if (!loser.passed()) {
            return "rejected at " + loser.stage() + ": " + loser.reason();
        }
        if (loser.changedLines() != winner.changedLines()) {
            return "passed, but changed " + loser.changedLines() + " lines against the winner's "
                    + winner.changedLines();
        }
        if (!Objects.equals(loser.lintFindings(), winner.lintFindings())) {
            return "passed with " + loser.changedLines() + " changed lines like the winner, but with "
                    + findings(loser) + " against the winner's " + findings(winner);
        }
        if (loser.tokens() != winner.tokens()) {
            return "passed with " + loser.changedLines() + " changed lines and " + findings(loser)
                    + " like the winner, but used " + loser.tokens() + " tokens against " + winner.tokens();
        }
        return "tied with the winner on lines, lint findings and tokens; the lower variant id wins";
    }

    private static String findings(VariantOutcome o) {
        return LintFindings.describe(o.lintFindings());
    }

    private static String won(VariantOutcome winner, List<VariantOutcome> outcomes) {
        long passed = outcomes.stream().filter(VariantOutcome::passed).count();
        if (passed == 1) {
            return "the only one of " + outcomes.size() + " that passed";
        }
        return "passed with the fewest changed lines (" + winner.changedLines() + "), then lint findings ("
                + (winner.lintFindings() == null ? "not counted" : winner.lintFindings()) + "), then tokens ("
                + winner.tokens() + "), of " + passed + " passing";
    }

    private static int stageRank(String stage) {
        int rank = FURTHEST_FIRST.indexOf(stage);
        return rank < 0 ? FURTHEST_FIRST.size() : rank;
    }
}
