package dev.ratchet.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.session.FieldViolation;

/** Every rule of {@link PlanChecks}, each problem named by its field. */
class PlanChecksTest {

    private static final PlanLimits LIMITS = new PlanLimits(5, 8000, 400);
    private static final List<String> REPO = List.of("textstats.py", "tests/test_textstats.py", "README.md");
    private static final List<String> CHECKS = List.of("unit-tests", "lint");

    private static PlanStep step(String id, List<String> files, List<String> newFiles, List<String> checks,
            Integer tokens, Integer lines) {
        return new PlanStep(id, "Step " + id, "Do " + id, null, files, newFiles, checks, tokens, lines);
    }

    private static List<FieldViolation> check(PlanStep... steps) {
        return PlanChecks.violations(List.of(steps), LIMITS, REPO, CHECKS);
    }

    @Test
    void aPlanWithinEveryBoundHasNoProblems() {
        assertThat(check(
                step("s1", List.of("textstats.py"), List.of("cli.py"), List.of("unit-tests"), 8000, 400),
                step("s2", List.of("cli.py", "README.md"), List.of("docs/usage.md"), List.of("lint"), 1, 1),
                new PlanStep("s3", "A step without a scope", "Tidy up."))).isEmpty();
    }

    @Test
    void filesInScopeExistAtTheBaseCommitOrAreCreatedByAnEarlierStep() {
        assertThat(check(
                step("s1", List.of("textstats.py", "cli.py"), List.of(), List.of(), null, null),
                step("s2", List.of(), List.of("cli.py"), List.of(), null, null)))
                .containsExactly(new FieldViolation("steps[0].files[1]", "\"cli.py\" does not exist at the base "
                        + "commit and no earlier step creates it; list it in newFiles if this step does"));
    }

    @Test
    void newFilesDoNotExistYetAndStayInsideTheRepository() {
        assertThat(check(
                step("s1", List.of(), List.of("README.md", "cli.py"), List.of(), null, null),
                step("s2", List.of(), List.of("cli.py", "../outside.py", "/etc/passwd", "a//b", "a\\b", " "),
                        List.of(), null, null)))
                .extracting(FieldViolation::field).containsExactly("steps[0].newFiles[0]", "steps[1].newFiles[0]",
                        "steps[1].newFiles[1]", "steps[1].newFiles[2]", "steps[1].newFiles[3]",
                        "steps[1].newFiles[4]", "steps[1].newFiles[5]");
        assertThat(check(step("s1", List.of(), List.of("README.md"), List.of(), null, null)).get(0).message())
                .isEqualTo("\"README.md\" already exists at the base commit; list it in files");
        assertThat(check(step("s1", List.of(), List.of("a.py"), List.of(), null, null),
                step("s2", List.of(), List.of("a.py"), List.of(), null, null)).get(0).message())
                .isEqualTo("\"a.py\" is created by step s1 already; list it in files");
        assertThat(check(step("s1", List.of(), List.of("../x"), List.of(), null, null)).get(0).message())
                .startsWith("\"../x\" must be a relative path inside the repository");
    }

    @Test
    void checksNamedAreTheSessions() {
        assertThat(check(step("s1", List.of(), List.of(), List.of("lint", "e2e"), null, null)))
                .containsExactly(new FieldViolation("steps[0].checks[1]",
                        "\"e2e\" is not one of the session's checks [lint, unit-tests]"));
    }

    @Test
    void aStepsEstimateFitsTheExecutorsStepBudget() {
        assertThat(check(
                step("s1", List.of(), List.of(), List.of(), 8001, null),
                step("s2", List.of(), List.of(), List.of(), 0, null)))
                .containsExactly(
                        new FieldViolation("steps[0].estimatedTokens", "is 8001 tokens, over the executor's step "
                                + "budget of 8000; split the step"),
                        new FieldViolation("steps[1].estimatedTokens", "must be at least 1, not 0"));
    }

    @Test
    void maxChangedLinesFitTheSessionsGuardrail() {
        assertThat(check(step("s1", List.of(), List.of(), List.of(), null, 401),
                step("s2", List.of(), List.of(), List.of(), null, -3)))
                .containsExactly(
                        new FieldViolation("steps[0].maxChangedLines", "is 401 changed lines, over the session's "
                                + "guardrail maxChangedLines of 400; split the step"),
                        new FieldViolation("steps[1].maxChangedLines", "must be at least 1, not -3"));
    }

    @Test
    void thePlanRulesComeFirstAndATooLongPlanStopsThere() {
        assertThat(check(new PlanStep("s1", " ", "x"), new PlanStep("s1", "t", "x")))
                .extracting(FieldViolation::field).containsExactly("steps[0].title", "steps[1].id");
        PlanStep fine = new PlanStep("s", "t", "x");
        assertThat(PlanChecks.violations(List.of(fine, fine, fine, fine, fine, fine), LIMITS, REPO, CHECKS))
                .extracting(FieldViolation::field).containsExactly("steps");
    }
}
