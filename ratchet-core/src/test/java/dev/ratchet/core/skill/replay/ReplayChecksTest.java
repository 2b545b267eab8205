package dev.ratchet.core.skill.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.plan.PlanLimits;
import dev.ratchet.core.plan.PlanScope;
import dev.ratchet.core.plan.PlanStep;

/** A trusted skill's plan is held to this session's plan checks before it is replayed. */
class ReplayChecksTest {

    private static final PlanLimits LIMITS = new PlanLimits(20, 4000, 400);
    private static final List<String> FILES = List.of("textstats.py", "tests/test_textstats.py");
    private static final List<String> CHECKS = List.of("unit-tests");

    private static ReplayChoice.Replay replay(PlanStep... steps) {
        ReplayChoice.Decision chosen = ReplayChoice.choose(List.of(new ReplayChoice.Candidate("add-word-statistics",
                2, "trusted", true, 0.95, List.of(steps))), 0.8, 20);
        return (ReplayChoice.Replay) chosen;
    }

    @Test
    void aPlanThatFitsTheSessionIsReplayedWithItsScope() {
        PlanScope scope = new PlanScope(List.of("textstats.py"), List.of("cli.py"), List.of("unit-tests"), 2400, 60);
        ReplayChoice.Replay replay = replay(new PlanStep("x", "Add word_count", "In textstats.py.", null, scope),
                new PlanStep("y", "Add a cli", "cli.py calls it.", null,
                        new PlanScope(List.of("cli.py"), List.of(), List.of(), null, null)));

        assertThat(replay.plan().get(0).scope()).isEqualTo(scope);
        assertThat(ReplayChecks.refusal(replay, LIMITS, FILES, CHECKS)).isEmpty();
        assertThat(ReplayChecks.refusal(replay(new PlanStep("s1", "No scope", "A skill captured before scopes.")),
                LIMITS, FILES, CHECKS)).isEmpty();
    }

    @Test
    void aPlanWithProblemsIsNotReplayedAndTheReasonNamesEachByField() {
        ReplayChoice.Replay replay = replay(new PlanStep("s1", "Add word_count", "In wordstats.py.", null,
                new PlanScope(List.of("wordstats.py"), List.of("textstats.py"), List.of("lint"), 9000, 600)));

        assertThat(ReplayChecks.refusal(replay, LIMITS, FILES, CHECKS)).contains("skill add-word-statistics@2 not "
                + "replayed, its plan cannot run in this session (5 problems): steps[0].files[0]: \"wordstats.py\" "
                + "does not exist at the base commit and no earlier step creates it; list it in newFiles if this step "
                + "does; steps[0].newFiles[0]: \"textstats.py\" already exists at the base commit; list it in files; "
                + "steps[0].checks[0]: \"lint\" is not one of the session's checks [unit-tests]; "
                + "steps[0].estimatedTokens: is 9000 tokens, over the executor's step budget of 4000; split the step; "
                + "steps[0].maxChangedLines: is 600 changed lines, over the session's guardrail maxChangedLines of "
                + "400; split the step; the planner model plans it");
    }
}
