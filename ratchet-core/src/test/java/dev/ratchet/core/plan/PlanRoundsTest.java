package dev.ratchet.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.plan.PlanRounds.Next;
import dev.ratchet.core.session.FieldViolation;

/** The splitting decisions: accept, send back with the reasons while rounds are left, else fail with them. */
class PlanRoundsTest {

    private static final List<FieldViolation> OVER = List.of(new FieldViolation("steps[1].estimatedTokens",
            "is 12000 tokens, over the executor's step budget of 8000; split the step"));

    @Test
    void aPlanWithoutProblemsRunsInAnyRound() {
        assertThat(PlanRounds.next(1, 2, List.of())).isEqualTo(Next.ACCEPT);
        assertThat(PlanRounds.next(2, 2, List.of())).isEqualTo(Next.ACCEPT);
    }

    @Test
    void problemsGoBackToTheModelWhileRoundsAreLeftThenFail() {
        assertThat(PlanRounds.next(1, 2, OVER)).isEqualTo(Next.ASK_AGAIN);
        assertThat(PlanRounds.next(2, 2, OVER)).isEqualTo(Next.FAIL);
        assertThat(PlanRounds.next(1, 1, OVER)).isEqualTo(Next.FAIL);
    }

    @Test
    void theFeedbackNamesEveryProblemAndTheLimits() {
        String feedback = PlanRounds.feedback(OVER, new PlanLimits(20, 8000, 400));

        assertThat(feedback).startsWith("Your plan cannot run as it is:\n- steps[1].estimatedTokens: is 12000 tokens")
                .contains("each within 8000 tokens of context and 400 changed lines, at most 20 steps in all")
                .endsWith("answer with the whole plan again in the same format.");
    }

    @Test
    void theFailureSaysHowManyRoundsAndListsAtMostTwentyProblems() {
        assertThat(PlanRounds.failure(2, OVER)).isEqualTo("the plan still has problems after 2 rounds: "
                + "steps[1].estimatedTokens: is 12000 tokens, over the executor's step budget of 8000; split the step");
        List<FieldViolation> many = IntStream.range(0, 25).mapToObj(i -> new FieldViolation("steps[" + i + "].id",
                "x")).toList();
        assertThat(PlanRounds.failure(1, many)).startsWith("the plan still has problems after 1 round: steps[0].id: x")
                .contains("steps[19].id: x; and 5 more").doesNotContain("steps[20]");
    }
}
