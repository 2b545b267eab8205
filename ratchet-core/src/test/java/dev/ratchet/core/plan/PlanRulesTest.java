package dev.ratchet.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.session.FieldViolation;

class PlanRulesTest {

    @Test
    void aGoodPlanPasses() {
        assertThat(PlanRules.violations(List.of(new PlanStep("s1", "Add greet()", "Add greet(name)")), 3)).isEmpty();
    }

    @Test
    void aStepsVariantsAreBounded() {
        assertThat(PlanRules.violations(List.of(new PlanStep("s1", "Add greet()", "Add greet(name)", 64)), 3)).isEmpty();
        assertThat(PlanRules.violations(List.of(new PlanStep("s1", "Add greet()", "Add greet(name)", 65)), 3))
                .extracting(FieldViolation::field, FieldViolation::message)
                .containsExactly(tuple("steps[0].variants",
                        "must be between 1 and 64, not 65"));
    }

    @Test
    void everyProblemIsNamedByItsField() {
        List<PlanStep> plan = Arrays.asList(new PlanStep("s1", "Add greet()", "Add greet(name)"),
                new PlanStep("s1", " ", "x".repeat(8001)), new PlanStep("no spaces", "t", null), null);
        assertThat(PlanRules.violations(plan, 5)).extracting(FieldViolation::field).containsExactly("steps[1].id",
                "steps[1].title", "steps[1].instructions", "steps[2].id", "steps[2].instructions", "steps[3]");
        assertThat(PlanRules.violations(plan, 5).get(2).message())
                .isEqualTo("has 8001 characters, over the limit of 8000");
    }

    @Test
    void theStepCountIsBounded() {
        assertThat(PlanRules.violations(List.of(), 3)).extracting(FieldViolation::message)
                .containsExactly("must hold 1 to 3 steps, not 0");
        assertThat(PlanRules.violations(null, 3)).hasSize(1);
        PlanStep s = new PlanStep("s1", "t", "i");
        assertThat(PlanRules.violations(List.of(s, s, s, s), 3)).extracting(FieldViolation::field)
                .containsExactly("steps");
    }
}
