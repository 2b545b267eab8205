package dev.ratchet.core.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.Check.Stage;
import dev.ratchet.core.event.Check.When;

class StepChecksTest {

    private static final Check UNIT = new Check("unit", "pytest", 60, Stage.TEST, When.STEP, null);
    private static final Check LINT = new Check("lint", "ruff check .", 30, Stage.FAST, When.STEP, null);
    private static final Check DIFF = new Check("diff-size", "git diff --stat", 10, Stage.REVIEW, When.STEP, null);
    private static final Check E2E = new Check("e2e", "make e2e", 600, Stage.TEST, When.FINAL, null);
    private static final Check SMOKE = new Check("smoke", "make smoke", 60, Stage.FAST, When.FINAL, null);
    private static final List<Check> SESSION = List.of(UNIT, E2E, LINT, SMOKE, DIFF);

    @Test
    void everyStepRunsItsStageOrderedStepChecks() {
        assertThat(StepChecks.forStep(SESSION, 0, 3)).containsExactly(DIFF, LINT, UNIT);
        assertThat(StepChecks.forStep(SESSION, 1, 3)).containsExactly(DIFF, LINT, UNIT);
    }

    @Test
    void theLastStepAlsoRunsTheFinalChecksInStageOrder() {
        assertThat(StepChecks.forStep(SESSION, 2, 3)).containsExactly(DIFF, LINT, SMOKE, UNIT, E2E);
        assertThat(StepChecks.forStep(SESSION, 0, 1)).containsExactly(DIFF, LINT, SMOKE, UNIT, E2E);
    }
}
