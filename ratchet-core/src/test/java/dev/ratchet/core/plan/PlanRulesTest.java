package dev.ratchet.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.json.Json;
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

    @Test
    void approachHintsAreBoundedInNumberAndLengthAndHoldNoControlCharacters() {
        assertThat(PlanRules.violations(List.of(withApproaches(List.of("argparse", "sys.argv by hand"))), 3)).isEmpty();
        assertThat(PlanRules.violations(List.of(withApproaches(Arrays.asList("ok", " ", null, "x".repeat(301),
                "one\nline", "bell\u0007"))), 3)).extracting(FieldViolation::field, FieldViolation::message)
                .containsExactly(
                        tuple("steps[0].approaches[1]", "must be a non-blank string"),
                        tuple("steps[0].approaches[2]", "must be a non-blank string"),
                        tuple("steps[0].approaches[3]", "has 301 characters, over the limit of 300"),
                        tuple("steps[0].approaches[4]", "must be one line without control characters"),
                        tuple("steps[0].approaches[5]", "must be one line without control characters"));
        assertThat(PlanRules.violations(List.of(withApproaches(Collections.nCopies(17, "a"))), 3))
                .extracting(FieldViolation::field, FieldViolation::message)
                .containsExactly(tuple("steps[0].approaches", "has 17 entries, over the limit of 16"));
    }

    @Test
    void aPersonsEditedPlanCarriesApproachesAsJsonAndAStepWithoutThemWritesAsBefore() {
        PlanStep plain = new PlanStep("s1", "Add greet()", "Add greet(name)", 3);
        assertThat(Json.write(plain)).doesNotContain("approaches");
        PlanStep read = Json.read("{\"id\":\"s1\",\"title\":\"Add greet()\","
                + "\"instructions\":\"Add greet(name)\",\"variants\":2,\"approaches\":[\"f-string\",null]}",
                PlanStep.class);
        assertThat(read.approaches()).containsExactly("f-string", null);
        assertThat(PlanRules.violations(List.of(read), 3)).extracting(FieldViolation::field)
                .containsExactly("steps[0].approaches[1]");
    }

    private static PlanStep withApproaches(List<String> approaches) {
        return new PlanStep("s1", "Add greet()", "Add greet(name)", 3, PlanScope.NONE, approaches);
    }
}
