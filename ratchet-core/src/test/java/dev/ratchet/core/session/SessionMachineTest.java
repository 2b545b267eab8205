package dev.ratchet.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Transition.Outcome;

/**
 * The machine's decisions. Expected event ids are literals, computed once as GoldenEvents describes, never derived
 * with the code under test.
 */
class SessionMachineTest {

    static final String ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    static final List<Check> CHECKS = List.of(new Check("unit", "pytest -q", 300));
    static final List<PlanStep> PLAN = List.of(
            new PlanStep("s1", "Add greet()", "Add greet(name) to src/app.py"),
            new PlanStep("s2", "Test greet()", "Add tests/test_app.py"),
            new PlanStep("s3", "Use greet()", "Call greet from main"));
    static final Usage U1 = new Usage(1000, 100, 1000, 100);
    static final Usage U2 = new Usage(1100, 120, 1500, 80);
    static final Usage U3 = new Usage(1300, 90, 900, 100);
    static final Usage U4 = new Usage(900, 60, 600, 100);

    private final SessionMachine machine = new SessionMachine(3, 8000);

    static Session newSession() {
        return Session.created(ID, "/srv/repos/demo", "Greet users by name", "abc1234def", CHECKS, StepPolicy.DEFAULTS,
                T0);
    }

    static StepRequested request(Transition t) {
        assertThat(t.events()).hasSize(1).first().isInstanceOf(StepRequested.class);
        return (StepRequested) t.events().get(0);
    }

    @Test
    void maxAttemptsMustBePositive() {
        assertThatThrownBy(() -> new SessionMachine(0, 8000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void planRequestsTheFirstStep() {
        Instant at = T0.plusSeconds(20);

        Transition t = machine.planned(newSession(), PLAN, at);

        assertThat(t.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(t.accepted()).isEmpty();
        assertThat(t.session().status()).isEqualTo(SessionStatus.RUNNING);
        assertThat(t.session().currentStep()).isZero();
        assertThat(t.session().steps()).extracting(StepState::id).containsExactly("s1", "s2", "s3");
        assertThat(t.session().steps()).extracting(StepState::status)
                .containsExactly(StepStatus.RUNNING, StepStatus.PENDING, StepStatus.PENDING);
        StepRequested request = request(t);
        assertThat(request.stepId()).isEqualTo("s1");
        assertThat(request.attempt()).isEqualTo(1);
        assertThat(request.variant()).isZero();
        assertThat(request.occurredAt()).isEqualTo(at);
        assertThat(request.eventId()).isEqualTo(UUID.fromString("b4033583-c8c8-3bdc-a5e1-5c673b6fb12b"));
        assertThat(request.payload().work()).isEqualTo(new StepWork(0, 0, 3, "Add greet()",
                "Add greet(name) to src/app.py", "Greet users by name"));
        assertThat(request.payload().feedback()).isEmpty();
        assertThat(request.payload().contextBudgetTokens()).isEqualTo(8000);
        assertThat(t.progress()).extracting(Progress::type).containsExactly(Progress.SESSION_PLANNED,
                Progress.STEP_REQUESTED);
        assertThat(t.progress()).noneMatch(Progress::terminal);
        assertThat(t.progress().get(0).message()).isEqualTo("plan ready: 3 steps");
        // the same plan decided again gives the same request
        assertThat(machine.planned(newSession(), PLAN, at).events()).isEqualTo(t.events());
    }

    @Test
    void aPlanFromASkillIsRecordedOnTheSessionAndInItsEnd() {
        Transition t = machine.planned(newSession(), PLAN, "greet-users@2", T0.plusSeconds(1));

        assertThat(t.session().plannedFrom()).isEqualTo("greet-users@2");
        assertThat(t.progress().get(0).message())
                .isEqualTo("plan ready: 3 steps (planned from skill greet-users@2, no planner model call)");
        assertThat(machine.planned(newSession(), PLAN, T0).session().plannedFrom()).isNull();
        Transition last = t;
        for (int step = 0; step < 3; step++) {
            last = machine.onVerdict(last.session(), Verdicts.verified(request(last), U1), T0.plusSeconds(10 + step));
        }
        assertThat(last.session().plannedFrom()).isEqualTo("greet-users@2");
        SessionCompleted completed = (SessionCompleted) last.events().get(0);
        assertThat(completed.payload().plannedFrom()).isEqualTo("greet-users@2");
        assertThat(completed.payload().durationMs()).isEqualTo(12_000);

        Transition failed = machine.planningFailed(t.session(), "late", T0.plusSeconds(2));
        assertIgnored(failed, t.session());
        Transition rejected = t;
        for (int attempt = 1; attempt <= 3; attempt++) {
            rejected = machine.onVerdict(rejected.session(), Verdicts.rejected(request(rejected), U2, "no", "tail"),
                    T0.plusSeconds(5 + attempt));
        }
        SessionFailed end = (SessionFailed) rejected.events().get(0);
        assertThat(end.payload().plannedFrom()).isEqualTo("greet-users@2");
        assertThat(end.payload().usage()).isEqualTo(rejected.session().usage());
        assertThat(end.payload().usage().tokensOut()).isEqualTo(3 * 120);
        assertThat(end.payload().durationMs()).isEqualTo(8_000);
    }

    @Test
    void fullSessionWithOneRetry() {
        Transition planned = machine.planned(newSession(), PLAN, T0.plusSeconds(20));
        StepRequested r1 = request(planned);

        // step 1 verified: its patch is accepted and step 2 requested on top of it
        Instant at1 = T0.plusSeconds(30);
        Transition t1 = machine.onVerdict(planned.session(), Verdicts.verified(r1, U1), at1);
        assertThat(t1.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(t1.accepted()).contains(new AcceptedPatch("s1", 1, 0, Verdicts.patchFor(r1)));
        StepRequested r2 = request(t1);
        assertThat(r2.stepId()).isEqualTo("s2");
        assertThat(r2.attempt()).isEqualTo(1);
        assertThat(r2.payload().work().acceptedPatches()).isEqualTo(1);
        assertThat(r2.payload().work().stepIndex()).isEqualTo(1);
        assertThat(r2.payload().feedback()).isEmpty();
        assertThat(t1.session().currentStep()).isEqualTo(1);
        assertThat(t1.session().steps().get(0).status()).isEqualTo(StepStatus.VERIFIED);
        assertThat(t1.progress()).extracting(Progress::type).containsExactly(Progress.STEP_VERIFIED,
                Progress.STEP_REQUESTED);
        assertThat(t1.progress().get(0).message())
                .isEqualTo("step 1/3 \"Add greet()\" attempt 1 verified (unit passed in 1800 ms)");

        // step 2 rejected once: attempt 2 is requested with the reason and the output
        Instant at2 = T0.plusSeconds(40);
        Transition t2 = machine.onVerdict(t1.session(),
                Verdicts.rejected(r2, U2, "check unit failed (exit 1)", "E   AssertionError: 'Hi Ada' != 'Hello, Ada'"),
                at2);
        assertThat(t2.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(t2.accepted()).isEmpty();
        StepRequested r2b = request(t2);
        assertThat(r2b.stepId()).isEqualTo("s2");
        assertThat(r2b.attempt()).isEqualTo(2);
        assertThat(r2b.eventId()).isNotEqualTo(r2.eventId())
                .isEqualTo(UUID.fromString("cdf7db6b-8c65-3adc-bd4b-f5fce58a805f"));
        assertThat(r2b.payload().work().acceptedPatches()).isEqualTo(1);
        assertThat(r2b.payload().feedback()).containsExactly("at check: check unit failed (exit 1)\nOutput:\n"
                + "E   AssertionError: 'Hi Ada' != 'Hello, Ada'");
        StepState s2 = t2.session().steps().get(1);
        assertThat(s2.status()).isEqualTo(StepStatus.RUNNING);
        assertThat(s2.attempts()).extracting(Attempt::number, Attempt::status).containsExactly(
                tuple(1, AttemptStatus.REJECTED),
                tuple(2, AttemptStatus.REQUESTED));
        assertThat(t2.progress()).extracting(Progress::type).containsExactly(Progress.STEP_REJECTED,
                Progress.STEP_REQUESTED);
        assertThat(t2.progress().get(0).message()).isEqualTo(
                "step 2/3 \"Test greet()\" attempt 1 rejected at check: check unit failed (exit 1)");

        // step 2 verified on the retry: step 3 starts from two accepted patches
        Transition t3 = machine.onVerdict(t2.session(), Verdicts.verified(r2b, U3), T0.plusSeconds(50));
        assertThat(t3.accepted()).contains(new AcceptedPatch("s2", 2, 0, Verdicts.patchFor(r2b)));
        StepRequested r3 = request(t3);
        assertThat(r3.stepId()).isEqualTo("s3");
        assertThat(r3.attempt()).isEqualTo(1);
        assertThat(r3.payload().work().acceptedPatches()).isEqualTo(2);
        assertThat(r3.payload().feedback()).isEmpty();

        // step 3 verified: the session is complete
        Instant end = T0.plusSeconds(65);
        Transition t4 = machine.onVerdict(t3.session(), Verdicts.verified(r3, U4), end);
        assertThat(t4.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(t4.accepted()).contains(new AcceptedPatch("s3", 1, 0, Verdicts.patchFor(r3)));
        Session done = t4.session();
        assertThat(done.status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(done.finishedAt()).isEqualTo(end);
        assertThat(done.verifiedSteps()).isEqualTo(3);
        assertThat(done.current()).isEmpty();
        assertThat(t4.events()).hasSize(1).first().isInstanceOf(SessionCompleted.class);
        SessionCompleted completed = (SessionCompleted) t4.events().get(0);
        assertThat(completed.eventId()).isEqualTo(UUID.fromString("99db1ce0-ab39-3438-8f97-c097087b5a72"));
        assertThat(completed.occurredAt()).isEqualTo(end);
        SessionCompleted.Payload p = completed.payload();
        assertThat(p.steps()).extracting(SessionCompleted.CompletedStep::stepId).containsExactly("s1", "s2", "s3");
        assertThat(p.steps()).extracting(SessionCompleted.CompletedStep::attempts).containsExactly(1, 2, 1);
        assertThat(p.steps().get(1).stats()).isEqualTo(Verdicts.statsFor(r2b));
        assertThat(p.steps().get(2).title()).isEqualTo("Use greet()");
        assertThat(p.checks()).isEqualTo(CHECKS);
        assertThat(p.goal()).isEqualTo("Greet users by name");
        assertThat(p.baseCommit()).isEqualTo("abc1234def");
        assertThat(p.durationMs()).isEqualTo(65_000);
        assertThat(p.usage().tokensIn()).isEqualTo(1000 + 1100 + 1300 + 900);
        assertThat(p.usage().tokensOut()).isEqualTo(100 + 120 + 90 + 60);
        assertThat(p.usage().modelMs()).isEqualTo(1000 + 1500 + 900 + 600);
        assertThat(p.usage()).isEqualTo(done.usage());
        assertThat(t4.progress()).extracting(Progress::type).containsExactly(Progress.STEP_VERIFIED,
                Progress.SESSION_COMPLETED);
        assertThat(t4.progress().get(1).message()).isEqualTo("session " + ID + " COMPLETED: 3/3 steps verified");
        assertThat(t4.progress().get(1).terminal()).isTrue();
    }

    @Test
    void threeRejectionsFailTheSession() {
        Transition t = machine.planned(newSession(), PLAN, T0.plusSeconds(20));
        Transition accepted = machine.onVerdict(t.session(), Verdicts.verified(request(t), U1), T0.plusSeconds(30));

        Transition last = accepted;
        for (int attempt = 1; attempt <= 3; attempt++) {
            StepRequested r = request(last);
            assertThat(r.attempt()).isEqualTo(attempt);
            assertThat(r.payload().feedback()).hasSize(attempt - 1);
            last = machine.onVerdict(last.session(), Verdicts.rejected(r, U2, "check unit failed (exit " + attempt
                    + ")", "tail " + attempt), T0.plusSeconds(40 + attempt));
        }

        assertThat(last.outcome()).isEqualTo(Outcome.APPLIED);
        Session failed = last.session();
        assertThat(failed.status()).isEqualTo(SessionStatus.FAILED);
        assertThat(failed.finishedAt()).isEqualTo(T0.plusSeconds(43));
        assertThat(failed.steps().get(1).status()).isEqualTo(StepStatus.FAILED);
        assertThat(failed.steps().get(1).attemptCount()).isEqualTo(3);
        assertThat(failed.failureReason())
                .isEqualTo("step 2/3 \"Test greet()\" was rejected 3 times; last at check: check unit failed (exit 3)");
        assertThat(last.accepted()).isEmpty();
        assertThat(last.events()).hasSize(1).first().isInstanceOf(SessionFailed.class);
        SessionFailed event = (SessionFailed) last.events().get(0);
        assertThat(event.stepId()).isEqualTo("s2");
        assertThat(event.attempt()).isEqualTo(3);
        assertThat(event.payload().reason()).isEqualTo(failed.failureReason())
                .contains("Test greet()").contains("check unit failed (exit 3)");
        assertThat(event.payload().verifiedSteps()).isEqualTo(1);
        assertThat(event.payload().usage()).isEqualTo(failed.usage());
        assertThat(event.payload().usage().tokensIn()).isEqualTo(1000 + 3 * 1100);
        assertThat(event.payload().durationMs()).isEqualTo(43_000);
        assertThat(event.payload().plannedFrom()).isNull();
        assertThat(event.eventId()).isEqualTo(UUID.fromString("e5552225-3257-3762-addb-394c358040aa"));
        assertThat(last.progress()).extracting(Progress::type).containsExactly(Progress.STEP_REJECTED,
                Progress.SESSION_FAILED);
    }

    @Test
    void aSessionsRoundsTakeThePlaceOfThePlannersAttempts() {
        Session oneRound = Session.created(ID, "/srv/repos/demo", "Greet users by name", "abc1234def", CHECKS,
                StepPolicy.DEFAULTS.withRounds(1), T0);
        Transition planned = machine.planned(oneRound, PLAN, T0);
        Transition failed = machine.onVerdict(planned.session(), Verdicts.rejected(request(planned), U1, "unit failed",
                "boom"), T0.plusSeconds(10));
        assertThat(failed.session().status()).as("one round, though the planner allows 3").isEqualTo(
                SessionStatus.FAILED);
        assertThat(failed.events()).first().isInstanceOf(SessionFailed.class);

        Session fiveRounds = Session.created(ID, "/srv/repos/demo", "Greet users by name", "abc1234def", CHECKS,
                StepPolicy.DEFAULTS.withRounds(5), T0);
        Transition t = machine.planned(fiveRounds, PLAN, T0);
        for (int attempt = 1; attempt < 5; attempt++) {
            t = machine.onVerdict(t.session(), Verdicts.rejected(request(t), U1, "unit failed", "boom"),
                    T0.plusSeconds(attempt * 10L));
            assertThat(request(t).attempt()).as("attempt %d is followed by another", attempt).isEqualTo(attempt + 1);
        }
        Transition last = machine.onVerdict(t.session(), Verdicts.rejected(request(t), U1, "unit failed", "boom"),
                T0.plusSeconds(60));
        assertThat(last.session().status()).isEqualTo(SessionStatus.FAILED);
        assertThat(last.session().failureReason()).contains("was rejected 5 times");
    }

    @Test
    void roundsAreBoundedAndLeftOutOfTheStoredPolicyByDefault() {
        assertThat(StepPolicy.roundsViolation(null)).isEmpty();
        assertThat(StepPolicy.roundsViolation(16)).isEmpty();
        assertThat(StepPolicy.roundsViolation(0)).contains("must be between 1 and 16, not 0");
        assertThat(StepPolicy.roundsViolation(17)).contains("must be between 1 and 16, not 17");
        assertThatThrownBy(() -> StepPolicy.DEFAULTS.withRounds(17)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Json.write(StepPolicy.DEFAULTS)).doesNotContain("rounds");
        StepPolicy five = StepPolicy.DEFAULTS.withRounds(5);
        assertThat(Json.read(Json.write(five), StepPolicy.class)).isEqualTo(five);
        assertThat(five.withGuardrails(Guardrails.DEFAULTS).attempts(3)).isEqualTo(5);
        assertThat(StepPolicy.DEFAULTS.attempts(3)).isEqualTo(3);
    }

    @Test
    void feedbackKeepsOnlyTheEndOfLongOutput() {
        Transition t = machine.planned(newSession(), PLAN, T0);
        String tail = "HEAD-" + "x".repeat(3000) + "-END";

        Transition retry = machine.onVerdict(t.session(), Verdicts.rejected(request(t), U1, "lint failed", tail),
                T0.plusSeconds(9));

        String feedback = request(retry).payload().feedback().get(0);
        assertThat(feedback).startsWith("at check: lint failed\nOutput:\n").endsWith("-END").doesNotContain("HEAD-");
        assertThat(feedback.substring("at check: lint failed\nOutput:\n".length())).hasSize(1500);
        Transition noTail = machine.onVerdict(t.session(), Verdicts.rejected(request(t), U1, "lint failed", " "),
                T0.plusSeconds(9));
        assertThat(request(noTail).payload().feedback()).containsExactly("at check: lint failed");
    }

    @Test
    void sameVerdictTwiceIsReplayedWithTheSameFollowUp() {
        Transition planned = machine.planned(newSession(), PLAN, T0.plusSeconds(20));
        StepVerified verdict = Verdicts.verified(request(planned), U1);
        Transition first = machine.onVerdict(planned.session(), verdict, T0.plusSeconds(30));

        Transition again = machine.onVerdict(first.session(), verdict, T0.plusSeconds(99));

        assertThat(again.outcome()).isEqualTo(Outcome.REPLAYED);
        assertThat(again.accepted()).isEmpty();
        assertThat(again.session()).isEqualTo(first.session());
        assertThat(again.events()).isEqualTo(first.events());
        assertThat(again.events().get(0).eventId()).isEqualTo(first.events().get(0).eventId());
        assertThat(again.progress()).isEmpty();
    }

    @Test
    void replayedRejectionResendsTheRetryRequest() {
        Transition planned = machine.planned(newSession(), PLAN, T0);
        StepRejected verdict = Verdicts.rejected(request(planned), U1, "unit failed", "boom");
        Transition first = machine.onVerdict(planned.session(), verdict, T0.plusSeconds(10));

        Transition again = machine.onVerdict(first.session(), verdict, T0.plusSeconds(11));

        assertThat(again.outcome()).isEqualTo(Outcome.REPLAYED);
        assertThat(again.session()).isEqualTo(first.session());
        assertThat(again.events()).isEqualTo(first.events());
        assertThat(request(again).attempt()).isEqualTo(2);
    }

    @Test
    void replayAfterTheEndResendsTheTerminalEvent() {
        SessionMachine oneShot = new SessionMachine(1, 4000);
        List<PlanStep> plan = List.of(PLAN.get(0));
        Transition planned = oneShot.planned(newSession(), plan, T0);
        StepVerified verified = Verdicts.verified(request(planned), U1);
        Transition done = oneShot.onVerdict(planned.session(), verified, T0.plusSeconds(10));
        StepRejected rejected = Verdicts.rejected(request(planned), U1, "unit failed", "boom");
        Transition failed = oneShot.onVerdict(planned.session(), rejected, T0.plusSeconds(10));

        Transition doneAgain = oneShot.onVerdict(done.session(), verified, T0.plusSeconds(60));
        Transition failedAgain = oneShot.onVerdict(failed.session(), rejected, T0.plusSeconds(60));

        assertThat(done.session().status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(doneAgain.outcome()).isEqualTo(Outcome.REPLAYED);
        assertThat(doneAgain.events()).isEqualTo(done.events()).first().isInstanceOf(SessionCompleted.class);
        assertThat(failed.session().status()).isEqualTo(SessionStatus.FAILED);
        assertThat(failedAgain.outcome()).isEqualTo(Outcome.REPLAYED);
        assertThat(failedAgain.events()).isEqualTo(failed.events()).first().isInstanceOf(SessionFailed.class);
        assertThat(failedAgain.session()).isEqualTo(failed.session());
    }

    @Test
    void staleVerdictsAreIgnored() {
        Transition planned = machine.planned(newSession(), PLAN, T0);
        StepRequested r1 = request(planned);
        Transition t1 = machine.onVerdict(planned.session(), Verdicts.verified(r1, U1), T0.plusSeconds(10));
        StepRequested r2 = request(t1);
        StepRejected r2Rejected = Verdicts.rejected(r2, U2, "unit failed", "boom");
        Transition t2 = machine.onVerdict(t1.session(), r2Rejected, T0.plusSeconds(20));
        StepRequested r2b = request(t2);
        Transition t3 = machine.onVerdict(t2.session(), Verdicts.verified(r2b, U3), T0.plusSeconds(30));
        StepRequested r3 = request(t3);

        // an older attempt of the step being worked on, with another outcome than the recorded one
        Transition older = machine.onVerdict(t2.session(), Verdicts.verified(r2, U2), T0.plusSeconds(25));
        assertIgnored(older, t2.session());
        // the rejection of attempt 1 after attempt 2 was already decided
        assertIgnored(machine.onVerdict(t3.session(), r2Rejected, T0.plusSeconds(35)), t3.session());
        // a verdict for another step than the one awaited
        StepRequested s3Early = StepRequested.of(ID, "s3", 1, 0, T0, r2.payload());
        assertIgnored(machine.onVerdict(t2.session(), Verdicts.verified(s3Early, U1), T0.plusSeconds(26)),
                t2.session());
        // the first step's verdict once the third is running
        assertIgnored(machine.onVerdict(t3.session(), Verdicts.verified(r1, U1), T0.plusSeconds(36)), t3.session());

        // after completion, a verdict of an unrelated attempt
        Transition done = machine.onVerdict(t3.session(), Verdicts.verified(r3, U4), T0.plusSeconds(40));
        assertThat(done.session().status()).isEqualTo(SessionStatus.COMPLETED);
        assertIgnored(machine.onVerdict(done.session(), r2Rejected, T0.plusSeconds(50)), done.session());
        assertIgnored(machine.onVerdict(done.session(), Verdicts.verified(r2b, U3), T0.plusSeconds(50)),
                done.session());
        assertIgnored(machine.onVerdict(done.session(), Verdicts.rejected(r3, U4, "late", ""), T0.plusSeconds(50)),
                done.session());
    }

    @Test
    void verdictWhilePlanningIsIgnored() {
        Session planning = newSession();
        StepRequested r = request(machine.planned(planning, PLAN, T0));

        assertIgnored(machine.onVerdict(planning, Verdicts.verified(r, U1), T0.plusSeconds(5)), planning);
        assertIgnored(machine.onVerdict(planning, Verdicts.rejected(r, U1, "x", "y"), T0.plusSeconds(5)), planning);
    }

    @Test
    void planIsAppliedOnlyOnce() {
        Transition planned = machine.planned(newSession(), PLAN, T0);

        assertIgnored(machine.planned(planned.session(), PLAN.subList(0, 1), T0.plusSeconds(1)), planned.session());
    }

    @Test
    void planningFailedEndsThePlanningSession() {
        Instant at = T0.plusSeconds(15);

        Transition t = machine.planningFailed(newSession(), "the plan has no \"steps\" array", at);

        assertThat(t.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(t.session().status()).isEqualTo(SessionStatus.FAILED);
        assertThat(t.session().finishedAt()).isEqualTo(at);
        assertThat(t.session().failureReason()).isEqualTo("planning failed: the plan has no \"steps\" array");
        assertThat(t.events()).hasSize(1).first().isInstanceOf(SessionFailed.class);
        SessionFailed failed = (SessionFailed) t.events().get(0);
        assertThat(failed.stepId()).isNull();
        assertThat(failed.attempt()).isZero();
        assertThat(failed.occurredAt()).isEqualTo(at);
        assertThat(failed.payload()).isEqualTo(new SessionFailed.Payload("/srv/repos/demo", "Greet users by name",
                "planning failed: the plan has no \"steps\" array", 0, Usage.NONE, 15_000L, null));
        assertThat(t.progress()).extracting(Progress::type).containsExactly(Progress.SESSION_FAILED);

        Transition running = machine.planned(newSession(), PLAN, T0);
        assertIgnored(machine.planningFailed(running.session(), "late", at), running.session());
        assertIgnored(machine.planningFailed(t.session(), "twice", at), t.session());
    }

    private static void assertIgnored(Transition t, Session unchanged) {
        assertThat(t.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(t.session()).isSameAs(unchanged);
        assertThat(t.events()).isEmpty();
        assertThat(t.accepted()).isEmpty();
        assertThat(t.progress()).isEmpty();
    }
}
