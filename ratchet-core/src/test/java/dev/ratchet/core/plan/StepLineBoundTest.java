package dev.ratchet.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.guardrail.GuardrailsUpdate;
import dev.ratchet.core.patch.FileEdit;
import dev.ratchet.core.patch.FileMode;

/** A step's own bound on changed lines: the smaller of it and the session's guardrail holds. */
class StepLineBoundTest {

    private static FileEdit edit(String path, int added, int removed) {
        return new FileEdit(FileEdit.Kind.UPDATE, path, null, FileMode.REGULAR, "x\n", added, removed, List.of());
    }

    private static Guardrails maxChangedLines(int lines) {
        return Guardrails.DEFAULTS.merge(new GuardrailsUpdate(null, null, null, null, lines, null, null));
    }

    @Test
    void aStepWithoutABoundHasNone() {
        assertThat(StepLineBound.of("s1", null)).isEmpty();
        assertThat(StepLineBound.of("s1", PlanScope.NONE)).isEmpty();
        assertThat(StepLineBound.of("s1", new PlanScope(List.of("a.py"), List.of(), List.of(), 2400, null)))
                .isEmpty();
        assertThat(StepLineBound.of("s2", new PlanScope(List.of(), List.of(), List.of(), null, 60)))
                .contains(new StepLineBound("s2", 60));
    }

    @Test
    void changesOverTheStepsBoundAreAnExcessNamingTheStepTheBoundAndTheCount() {
        StepLineBound bound = new StepLineBound("s2", 3);

        StepLineBound.Excess excess = bound.excess(List.of(edit("a.py", 3, 1), edit("b.py", 1, 0)),
                Guardrails.DEFAULTS).orElseThrow();

        assertThat(excess.changed()).isEqualTo(5);
        assertThat(excess.reason())
                .isEqualTo("rejected by step s2's bound: the patch changes 5 lines, over the step's maxChangedLines of 3");
        assertThat(excess.detail()).isEqualTo("the patch changes 5 lines (4 added, 1 removed), over the limit of 3 "
                + "for step s2 (the plan's maxChangedLines for the step; the session's guardrail allows 400); make a "
                + "smaller change, or edit the plan to split the step");
    }

    @Test
    void changesWithinTheStepsBoundPass() {
        StepLineBound bound = new StepLineBound("s1", 3);

        assertThat(bound.excess(List.of(edit("a.py", 2, 1)), Guardrails.DEFAULTS)).isEmpty();
        assertThat(bound.excess(List.of(), Guardrails.DEFAULTS)).isEmpty();
    }

    @Test
    void whenTheSessionsGuardrailIsTheSmallerItsOwnRuleSpeaksNotTheSteps() {
        // A person's guardrails directive lowered the session's limit below the plan's estimate after planning.
        StepLineBound bound = new StepLineBound("s1", 60);

        assertThat(bound.excess(List.of(edit("a.py", 30, 0)), maxChangedLines(20))).isEmpty();
        assertThat(bound.excess(List.of(edit("a.py", 61, 0)), maxChangedLines(60))).isEmpty();
        assertThat(bound.excess(List.of(edit("a.py", 61, 0)), maxChangedLines(61))).isPresent();
    }
}
