package dev.ratchet.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Liveness.Reached;
import dev.ratchet.core.session.Transition.Outcome;

/** The kill switch: a session over its token or wall-clock budget is cancelled with the reason; one within goes on. */
class BudgetDecisionsTest {

    static final String ID = "7c0d4e2a-9b1f-4a3e-8d5c-6f7a8b9c0d1e";
    static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
    static final List<Check> CHECKS = List.of(new Check("unit", "pytest -q", 300));
    static final List<PlanStep> PLAN = List.of(new PlanStep("s1", "Add greet()", "Add greet(name)"),
            new PlanStep("s2", "Test greet()", "Add tests"));
    static final Deadlines DEADLINES = new Deadlines(Duration.ofSeconds(30), 2, Duration.ofHours(2), 1);
    static final Liveness WORKING = new Liveness(true, Reached.CLAIMED);

    private final SessionMachine machine = new SessionMachine(2, 8000, DEADLINES);

    private Session planning(Budget budget) {
        return machine.created(ID, "/srv/repos/demo", "Greet users", "abc1234def", CHECKS,
                new StepPolicy(Guardrails.DEFAULTS, 8, budget), T0).session();
    }

    private Transition planned(long tokens, Usage planner) {
        return machine.planned(planning(new Budget(tokens, null)), PLAN, null, planner, T0.plusSeconds(10));
    }

    @Test
    void aPlanWithinOrAtTheTokenBudgetRuns() {
        Transition under = planned(1000, new Usage(400, 100, 900, 110));
        Transition at = planned(1000, new Usage(600, 400, 900, 440));

        for (Transition t : List.of(under, at)) {
            assertThat(t.session().status()).isEqualTo(SessionStatus.RUNNING);
            assertThat(t.events()).singleElement().isInstanceOf(StepRequested.class);
        }
        assertThat(at.session().tokens()).isEqualTo(1000);
        assertThat(at.session().plannerUsage()).isEqualTo(new Usage(600, 400, 900, 440));
    }

    @Test
    void aPlanOverTheTokenBudgetCancelsTheSessionBeforeAnyStepIsRequested() {
        Transition over = planned(1000, new Usage(600, 401, 900, 441));

        assertThat(over.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(over.session().status()).isEqualTo(SessionStatus.CANCELLED);
        assertThat(over.session().failureReason()).isEqualTo("token budget exceeded: 1,001 > 1,000 tokens");
        assertThat(over.plan()).contains(PLAN);
        assertThat(over.events()).singleElement().isInstanceOfSatisfying(SessionFailed.class,
                e -> assertThat(e.payload().reason()).isEqualTo("token budget exceeded: 1,001 > 1,000 tokens"));
        assertThat(over.progress()).extracting(Progress::type)
                .containsExactly(Progress.SESSION_PLANNED, Progress.SESSION_CANCELLED);
        assertThat(over.progress().get(1).message()).contains("CANCELLED: token budget exceeded: 1,001 > 1,000");
        assertThat(machine.deadline(over.session())).isEmpty();
    }

    @Test
    void aVerifiedStepThatCrossesTheBudgetIsKeptAndTheNextIsNeverRequested() {
        Transition running = planned(1000, new Usage(400, 100, 900, 110));
        StepRequested s1 = (StepRequested) running.events().get(0);

        Transition t = machine.onVerdict(running.session(), Verdicts.verified(s1, new Usage(300, 201, 50, 4000)),
                T0.plusSeconds(20));

        assertThat(t.session().status()).isEqualTo(SessionStatus.CANCELLED);
        assertThat(t.session().failureReason()).isEqualTo("token budget exceeded: 1,001 > 1,000 tokens");
        assertThat(t.accepted()).hasValueSatisfying(p -> assertThat(p.stepId()).isEqualTo("s1"));
        assertThat(t.session().steps().get(0).status()).isEqualTo(StepStatus.VERIFIED);
        assertThat(t.session().steps().get(1).attempts()).isEmpty();
        assertThat(t.events()).noneMatch(StepRequested.class::isInstance);
    }

    @Test
    void aRejectionThatCrossesTheBudgetIsNotRetried() {
        Transition running = planned(1000, new Usage(400, 100, 900, 110));
        StepRequested s1 = (StepRequested) running.events().get(0);

        Transition t = machine.onVerdict(running.session(), Verdicts.rejected(s1, new Usage(500, 100, 50, 2000),
                "1 failed", "AssertionError"), T0.plusSeconds(20));

        assertThat(t.session().status()).isEqualTo(SessionStatus.CANCELLED);
        assertThat(t.session().failureReason()).isEqualTo("token budget exceeded: 1,100 > 1,000 tokens");
        assertThat(t.session().steps().get(0).attempts()).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(AttemptStatus.REJECTED));
    }

    @Test
    void theLastStepVerifiedOverTheBudgetCompletesTheSessionSinceItAsksForNothingMore() {
        Transition running = planned(1000, new Usage(100, 100, 900, 110));
        StepRequested s1 = (StepRequested) running.events().get(0);
        Transition second = machine.onVerdict(running.session(), Verdicts.verified(s1, new Usage(100, 100, 50,
                2000)), T0.plusSeconds(20));
        StepRequested s2 = (StepRequested) second.events().get(0);

        Transition t = machine.onVerdict(second.session(), Verdicts.verified(s2, new Usage(900, 100, 50, 2000)),
                T0.plusSeconds(30));

        assertThat(t.session().status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(BudgetDecisions.tokensExceeded(t.session())).isEmpty();
    }

    @Test
    void theWallClockBudgetBringsTheDeadlineForwardAndCancelsAtItsEndEvenWhileSomeoneWorks() {
        Session session = machine.planned(planning(new Budget(null, 600L)), PLAN, null, Usage.NONE,
                T0.plusSeconds(10)).session();
        Instant end = T0.plusSeconds(600);

        assertThat(BudgetDecisions.wallClockEnd(session)).contains(end);
        assertThat(machine.onDeadline(session, WORKING, end.minusMillis(1)).outcome()).isEqualTo(Outcome.IGNORED);
        for (Instant now : List.of(end, end.plusSeconds(5))) {
            Transition t = machine.onDeadline(session, WORKING, now);
            assertThat(t.session().status()).isEqualTo(SessionStatus.CANCELLED);
            assertThat(t.session().failureReason()).isEqualTo("wall-clock budget of 10m exceeded");
            assertThat(t.events()).singleElement().isInstanceOf(SessionFailed.class);
        }
    }

    @Test
    void theDeadlineIsTheEarlierOfTheBudgetAndTheTimeLimit() {
        Session shortBudget = planning(new Budget(null, 90L));
        Session longBudget = planning(new Budget(null, Duration.ofHours(5).toSeconds()));

        // planning: the unclaimed deadline (30 s) comes first, then the budget's end
        assertThat(machine.deadline(shortBudget)).contains(T0.plusSeconds(30));
        Session paused = shortBudget.withStatus(SessionStatus.AWAITING_APPROVAL, T0);
        assertThat(machine.deadline(paused)).contains(T0.plusSeconds(90));
        assertThat(machine.deadline(longBudget.withStatus(SessionStatus.AWAITING_APPROVAL, T0)))
                .contains(T0.plus(Duration.ofHours(2)));
    }

    @Test
    void aFinishedSessionIsNeverCancelledByItsBudget() {
        Session over = planned(10, new Usage(400, 100, 900, 110)).session();
        assertThat(over.status()).isEqualTo(SessionStatus.CANCELLED);

        assertThat(BudgetDecisions.tokensExceeded(over)).isEmpty();
        Session completedLate = planning(new Budget(null, 60L)).finished(SessionStatus.COMPLETED, null,
                T0.plusSeconds(30));
        assertThat(BudgetDecisions.wallClockExceeded(completedLate, T0.plusSeconds(600))).isEmpty();
        assertThat(machine.onDeadline(completedLate, Liveness.NOBODY, T0.plusSeconds(600)).outcome())
                .isEqualTo(Outcome.IGNORED);
    }

    @Test
    void aSessionWithoutABudgetIsNeverStoppedByOne() {
        Session session = machine.planned(planning(Budget.NONE), PLAN, null, new Usage(900_000, 90_000, 1, 1),
                T0.plusSeconds(10)).session();

        assertThat(session.status()).isEqualTo(SessionStatus.RUNNING);
        assertThat(BudgetDecisions.wallClockEnd(session)).isEmpty();
        assertThat(BudgetDecisions.wallClockExceeded(session, T0.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void durationsAreNamedInTheirLargestWholeUnit() {
        assertThat(BudgetDecisions.describe(90)).isEqualTo("90s");
        assertThat(BudgetDecisions.describe(600)).isEqualTo("10m");
        assertThat(BudgetDecisions.describe(7200)).isEqualTo("2h");
    }

    @Test
    void requestBudgetsAreHeldToTheirBoundsAndDefaulted() {
        BudgetLimits limits = new BudgetLimits(200_000, 2_000_000, 7200, 86_400);

        assertThat(limits.violations(null, null)).isEmpty();
        assertThat(limits.budget(null, null)).isEqualTo(new Budget(200_000L, 7200L));
        assertThat(limits.budget(10_000L, 60L)).isEqualTo(new Budget(10_000L, 60L));
        assertThat(limits.violations(2_000_000L, 86_400L)).isEmpty();
        assertThat(limits.violations(0L, 86_401L)).extracting(FieldViolation::field)
                .containsExactly("budget.tokens", "budget.wallClockSeconds");
        assertThat(limits.violations(2_000_001L, -1L)).extracting(FieldViolation::message)
                .containsExactly("must be 1..2000000 tokens, not 2000001", "must be 1..86400 seconds, not -1");
        assertThatThrownBy(() -> limits.budget(0L, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BudgetLimits(10, 5, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStoredPolicyKeepsItsBudgetThroughSteering() {
        Transition running = planned(1000, Usage.NONE);
        StepRequested s1 = (StepRequested) running.events().get(0);
        Session steered = machine.steered(running.session(), List.of(new Directive(null, Directive.Type.READ_ONLY,
                null, null, null, null, null, null, null, null)), T0.plusSeconds(11)).session();

        Transition t = machine.onVerdict(steered, Verdicts.verified(s1, new Usage(10, 10, 5, 2000)),
                T0.plusSeconds(20));

        assertThat(t.session().policy().guardrails().readOnly()).containsExactly("**");
        assertThat(t.session().policy().budget()).isEqualTo(new Budget(1000L, null));
    }
}
