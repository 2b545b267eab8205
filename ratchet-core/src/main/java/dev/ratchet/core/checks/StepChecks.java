package dev.ratchet.core.checks;

import java.util.Comparator;
import java.util.List;

import dev.ratchet.core.event.Check;

/**
 * The checks that judge one step: every {@code when=step} check, and on the session's last step also every
 * {@code when=final} check, because the last step's result is the session's final result (so a final check that
 * fails rejects the last step, which is retried with the reason like any other). Ordered by stage (review, fast,
 * test), in the session's order within a stage; the verifier stops at the first failure.
 */
public final class StepChecks {

    private StepChecks() {
    }

    /**
     * @param stepIndex the step's index in the plan (0-based)
     * @param stepCount the plan's length
     */
    public static List<Check> forStep(List<Check> sessionChecks, int stepIndex, int stepCount) {
        boolean last = stepIndex == stepCount - 1;
        return sessionChecks.stream().filter(c -> c.when() == Check.When.STEP || last && c.when() == Check.When.FINAL)
                .sorted(Comparator.comparing(Check::stage)).toList();
    }
}
