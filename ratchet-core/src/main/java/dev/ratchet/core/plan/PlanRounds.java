package dev.ratchet.core.plan;

import java.util.List;
import java.util.stream.Collectors;

import dev.ratchet.core.session.FieldViolation;

/**
 * What happens to a plan the planner model answered in round {@code round} of at most {@code maxRounds}
 * ({@code ratchet.planner.plan-rounds}): a plan without problems runs; one with problems goes back to the model with
 * the problems to split or fix while rounds are left; otherwise the session fails with them and no step runs.
 */
public final class PlanRounds {

    /** The next move after a round. */
    public enum Next {
        ACCEPT, ASK_AGAIN, FAIL
    }

    /** Problems shown to the model or in a failure: the first 20 (a plan has at most 20 steps by default). */
    static final int MAX_SHOWN = 20;

    private PlanRounds() {
    }

    public static Next next(int round, int maxRounds, List<FieldViolation> problems) {
        if (problems.isEmpty()) {
            return Next.ACCEPT;
        }
        return round < maxRounds ? Next.ASK_AGAIN : Next.FAIL;
    }

    /** The message that sends the plan back: every problem by field, then what to do about it. */
    public static String feedback(List<FieldViolation> problems, PlanLimits limits) {
        return "Your plan cannot run as it is:\n" + list(problems, "\n", "- ") + "\n\nSplit every step whose "
                + "estimatedTokens or maxChangedLines is over its limit into smaller steps (each within "
                + limits.stepTokens() + " tokens of context and " + limits.maxChangedLines() + " changed lines, at most "
                + limits.maxSteps() + " steps in all), fix the other problems, and answer with the whole plan again"
                + " in the same format.";
    }

    /** Why the session fails: the rounds it took and the problems of the last plan. */
    public static String failure(int rounds, List<FieldViolation> problems) {
        return "the plan still has problems after " + rounds + (rounds == 1 ? " round" : " rounds") + ": "
                + list(problems, "; ", "");
    }

    /** The problems on one line, by field, the first {@code MAX_SHOWN} of them (a skill's plan not replayed). */
    public static String summary(List<FieldViolation> problems) {
        return list(problems, "; ", "");
    }

    private static String list(List<FieldViolation> problems, String separator, String bullet) {
        String shown = problems.stream().limit(MAX_SHOWN).map(p -> bullet + p.field() + ": " + p.message())
                .collect(Collectors.joining(separator));
        return problems.size() > MAX_SHOWN ? shown + separator + bullet + "and " + (problems.size() - MAX_SHOWN)
                + " more" : shown;
    }
}
