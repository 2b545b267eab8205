package dev.ratchet.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.SessionCreated;
import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Liveness.Reached;
import dev.ratchet.core.session.Transition.Outcome;

/** The reaper's decisions: what happens to a session whose deadline passed, and when it is next due. */
class SessionDeadlinesTest {

    static final String ID = "2b1e7d3c-5a4f-4e8d-9c6b-1a2b3c4d5e6f";
    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    static final List<Check> CHECKS = List.of(new Check("unit", "pytest -q", 300));
    static final List<PlanStep> PLAN = List.of(new PlanStep("s1", "Add greet()", "Add greet(name)"),
            new PlanStep("s2", "Test greet()", "Add tests"));
    static final Deadlines DEADLINES = new Deadlines(Duration.ofSeconds(30), 2, Duration.ofHours(2), 1);
    static final Liveness WORKING = new Liveness(true, Reached.CLAIMED);

    private final SessionMachine machine = new SessionMachine(3, 8000, DEADLINES);

    private Session planning() {
        return machine.created(ID, "/srv/repos/demo", "Greet users", "abc1234def", CHECKS, StepPolicy.DEFAULTS, T0).session();
    }

    private Transition running() {
        return machine.planned(planning(), PLAN, T0.plusSeconds(10));
    }

    @Test
    void creationIsADecisionThatAnnouncesTheSession() {
        Transition t = machine.created(ID, "/srv/repos/demo", "Greet users", "abc1234def5678", CHECKS,
                StepPolicy.DEFAULTS, T0);

        assertThat(t.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(t.session().status()).isEqualTo(SessionStatus.PLANNING);
        assertThat(t.session().planningResumes()).isZero();
        assertThat(t.events()).singleElement().isInstanceOfSatisfying(SessionCreated.class, e -> {
            // derived from type and session (literal, so a change in the derivation shows here)
            assertThat(e.eventId()).isEqualTo(UUID.fromString("d45fd475-d2b1-305f-abe6-1350b435e698"));
            assertThat(e.payload().baseCommit()).isEqualTo("abc1234def5678");
            assertThat(e.payload().checks()).isEqualTo(CHECKS);
        });
        assertThat(t.progress()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(Progress.SESSION_CREATED);
            assertThat(p.message()).isEqualTo("session " + ID + " created on /srv/repos/demo at abc1234def56: "
                    + "Greet users");
        });
        Session stored = t.session().withVersion(7);
        assertThat(stored.version()).isEqualTo(7);
        assertThat(stored.withVersion(0)).isEqualTo(t.session());
    }

    @Test
    void deadlinesRejectNonsense() {
        assertThatThrownBy(() -> new Deadlines(Duration.ZERO, 1, Duration.ofHours(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Deadlines(Duration.ofSeconds(1), -1, Duration.ofHours(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRequestNobodyTookIsDueAfterTheUnclaimedTimeAndSentAgainUnchanged() {
        Transition planned = running();
        StepRequested first = (StepRequested) planned.events().get(0);
        Session session = planned.session();
        assertThat(machine.deadline(session)).contains(T0.plusSeconds(40));

        assertThat(machine.onDeadline(session, Liveness.NOBODY, T0.plusSeconds(39)).outcome())
                .isEqualTo(Outcome.IGNORED);
        Transition again = machine.onDeadline(session, Liveness.NOBODY, T0.plusSeconds(40));

        assertThat(again.outcome()).isEqualTo(Outcome.APPLIED);
        // the same event id and the same content: a redelivery, never a second decision under one id
        assertThat(again.events()).containsExactly(first);
        Attempt attempt = again.session().steps().get(0).lastAttempt();
        assertThat(attempt.number()).isEqualTo(1);
        assertThat(attempt.status()).isEqualTo(AttemptStatus.REQUESTED);
        assertThat(attempt.redeliveries()).isEqualTo(1);
        assertThat(attempt.lastSentAt()).isEqualTo(T0.plusSeconds(40));
        assertThat(again.progress()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(Progress.STEP_REDELIVERED);
            assertThat(p.message()).isEqualTo("step 1/2 \"Add greet()\" attempt 1 sent again (1 of 2): "
                    + "no executor took the request");
        });
        assertThat(machine.deadline(again.session())).contains(T0.plusSeconds(70));
    }

    @Test
    void workSomeoneHoldsALeaseOnIsNeverDueHoweverLongItRuns() {
        Session session = running().session();

        Transition t = machine.onDeadline(session, WORKING, T0.plusSeconds(3600));

        assertThat(t.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(t.events()).isEmpty();
    }

    @Test
    void workWhoseOwnerStoppedIsSentAgainAtOnceNamingTheHop() {
        Session session = running().session();
        Instant soon = T0.plusSeconds(12);

        for (Reached reached : List.of(Reached.CLAIMED, Reached.EXECUTED, Reached.VERIFYING, Reached.VERDICT)) {
            Transition t = machine.onDeadline(session, new Liveness(false, reached), soon);
            assertThat(t.outcome()).as(reached.name()).isEqualTo(Outcome.APPLIED);
            assertThat(t.progress().get(0).message()).endsWith(reached.silence());
        }
    }

    @Test
    void afterTheLastRedeliveryTheStepFailsSayingWhichHopWentSilent() {
        Session session = running().session();
        Transition t1 = machine.onDeadline(session, Liveness.NOBODY, T0.plusSeconds(40));
        Transition t2 = machine.onDeadline(t1.session(), new Liveness(false, Reached.EXECUTED), T0.plusSeconds(50));
        assertThat(t2.session().steps().get(0).lastAttempt().redeliveries()).isEqualTo(2);

        Transition failed = machine.onDeadline(t2.session(), new Liveness(false, Reached.EXECUTED),
                T0.plusSeconds(60));

        assertThat(failed.outcome()).isEqualTo(Outcome.APPLIED);
        Session s = failed.session();
        assertThat(s.status()).isEqualTo(SessionStatus.FAILED);
        assertThat(s.failureReason()).isEqualTo("step 1/2 \"Add greet()\" attempt 1 got no answer: the executor's "
                + "result never got a verdict from a verifier (sent 3 times)");
        StepState step = s.steps().get(0);
        assertThat(step.status()).isEqualTo(StepStatus.FAILED);
        assertThat(step.lastAttempt().status()).isEqualTo(AttemptStatus.REJECTED);
        assertThat(step.lastAttempt().stage()).isEqualTo(Attempt.STAGE_DELIVER);
        assertThat(failed.events()).singleElement().isInstanceOf(SessionFailed.class);
        assertThat(machine.deadline(s)).isEmpty();
    }

    @Test
    void aVerdictArrivingAfterARedeliveryIsAppliedOnce() {
        Transition planned = running();
        StepRequested request = (StepRequested) planned.events().get(0);
        Transition redelivered = machine.onDeadline(planned.session(), Liveness.NOBODY, T0.plusSeconds(40));

        Transition applied = machine.onVerdict(redelivered.session(),
                Verdicts.verified(request, new Usage(10, 10, 10, 1000)), T0.plusSeconds(41));
        Transition again = machine.onVerdict(applied.session(),
                Verdicts.verified(request, new Usage(10, 10, 10, 1000)), T0.plusSeconds(42));

        assertThat(applied.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(applied.accepted()).isPresent();
        assertThat(applied.session().steps().get(0).lastAttempt().redeliveries()).isEqualTo(1);
        assertThat(again.outcome()).isEqualTo(Outcome.REPLAYED);
        assertThat(again.accepted()).isEmpty();
    }

    @Test
    void planningWhosePlannerStoppedIsTakenOverThenGivenUp() {
        Session session = planning();
        assertThat(machine.deadline(session)).contains(T0.plusSeconds(30));
        assertThat(machine.onDeadline(session, WORKING, T0.plusSeconds(500)).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(machine.onDeadline(session, Liveness.NOBODY, T0.plusSeconds(29)).outcome())
                .isEqualTo(Outcome.IGNORED);

        Transition resumed = machine.onDeadline(session, new Liveness(false, Reached.CLAIMED), T0.plusSeconds(5));

        assertThat(resumed.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(resumed.session().status()).isEqualTo(SessionStatus.PLANNING);
        assertThat(resumed.session().planningResumes()).isEqualTo(1);
        assertThat(resumed.events()).isEmpty();
        assertThat(resumed.progress()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(Progress.PLANNING_RESUMED);
            assertThat(p.message()).isEqualTo("planning taken over (1 of 1): the planner working on it stopped");
        });
        assertThat(machine.deadline(resumed.session())).contains(T0.plusSeconds(35));

        Transition givenUp = machine.onDeadline(resumed.session(), new Liveness(false, Reached.CLAIMED),
                T0.plusSeconds(40));
        assertThat(givenUp.session().status()).isEqualTo(SessionStatus.FAILED);
        assertThat(givenUp.session().failureReason())
                .isEqualTo("planning failed: the planner stopped while planning 2 times");
        assertThat(givenUp.events()).singleElement().isInstanceOf(SessionFailed.class);
    }

    @Test
    void aSessionPastItsTimeLimitFailsEvenWhileWorkRuns() {
        Session session = running().session();
        assertThat(machine.onDeadline(session, WORKING, T0.plus(Duration.ofHours(2)).minusMillis(1)).outcome())
                .isEqualTo(Outcome.IGNORED);

        Transition t = machine.onDeadline(session, WORKING, T0.plus(Duration.ofHours(2)));

        assertThat(t.session().status()).isEqualTo(SessionStatus.FAILED);
        assertThat(t.session().failureReason()).isEqualTo("the session did not finish within its time limit of 2 h");
        assertThat(t.events()).singleElement().isInstanceOfSatisfying(SessionFailed.class,
                e -> assertThat(e.stepId()).isEqualTo("s1"));
    }

    @Test
    void aSessionPastItsTimeLimitFailsNamingTheAttemptItWasOn() {
        Session running = running().session();
        StepRequested first = (StepRequested) running().events().get(0);
        Session retrying = machine.onVerdict(running, Verdicts.rejected(first, Usage.NONE, "check failed", "FAIL"),
                T0.plusSeconds(20)).session();

        Transition t = machine.onDeadline(retrying, WORKING, T0.plus(Duration.ofHours(2)));

        assertThat(t.events()).singleElement().isInstanceOfSatisfying(SessionFailed.class, e -> {
            assertThat(e.stepId()).isEqualTo("s1");
            assertThat(e.attempt()).isEqualTo(2);
        });
        assertThat(t.progress()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(Progress.SESSION_FAILED);
            assertThat(p.attempt()).isEqualTo(2);
            assertThat(p.terminal()).isTrue();
        });
    }

    @Test
    void theTimeLimitIsNamedInHoursMinutesOrSeconds() {
        assertThat(failureAtTimeLimit(Duration.ofMinutes(90))).endsWith("time limit of 90 min");
        assertThat(failureAtTimeLimit(Duration.ofSeconds(45))).endsWith("time limit of 45 s");
        assertThat(failureAtTimeLimit(Duration.ofSeconds(150))).endsWith("time limit of 150 s");
        assertThat(failureAtTimeLimit(Duration.ofHours(3))).endsWith("time limit of 3 h");
    }

    private String failureAtTimeLimit(Duration limit) {
        SessionMachine limited = new SessionMachine(3, 8000, new Deadlines(Duration.ofSeconds(30), 2, limit, 1));
        Session session = limited.planned(planning(), PLAN, T0.plusSeconds(1)).session();
        return limited.onDeadline(session, WORKING, T0.plus(limit)).session().failureReason();
    }

    @Test
    void aRunningSessionWhoseStepIsNotWaitingForAnAnswerIsNotDue() {
        Session running = running().session();
        StepState step = running.current().orElseThrow();
        StepRequested first = (StepRequested) running().events().get(0);
        Attempt decided = step.lastAttempt().decided(Verdicts.verified(first, Usage.NONE), T0.plusSeconds(20));
        Session decidedNotAdvanced = running.withStep(step.withAttempt(decided, StepStatus.VERIFIED));

        Transition t = machine.onDeadline(decidedNotAdvanced, Liveness.NOBODY, T0.plus(Duration.ofHours(1)));

        assertThat(t.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(t.session()).isSameAs(decidedNotAdvanced);
        assertThat(t.events()).isEmpty();
    }

    @Test
    void zeroRedeliveriesAndZeroResumesAreAllowed() {
        Deadlines none = new Deadlines(Duration.ofSeconds(1), 0, Duration.ofSeconds(1), 0);

        assertThat(none.maxRedeliveries()).isZero();
        assertThat(none.maxPlanningResumes()).isZero();
        assertThatThrownBy(() -> new Deadlines(Duration.ofSeconds(1), 1, Duration.ofHours(1), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Deadlines(Duration.ofSeconds(1), 1, Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTimeLimitCapsEveryDeadline() {
        SessionMachine shortLived = new SessionMachine(3, 8000,
                new Deadlines(Duration.ofSeconds(30), 2, Duration.ofSeconds(20), 1));
        Session session = shortLived.planned(planning(), PLAN, T0.plusSeconds(10)).session();

        assertThat(shortLived.deadline(session)).contains(T0.plusSeconds(20));
    }

    @Test
    void finishedSessionsHaveNoDeadlineAndIgnoreTheReaper() {
        Session failed = machine.planningFailed(planning(), "no plan", T0.plusSeconds(5)).session();

        assertThat(machine.deadline(failed)).isEmpty();
        assertThat(machine.onDeadline(failed, Liveness.NOBODY, T0.plus(Duration.ofDays(3))).outcome())
                .isEqualTo(Outcome.IGNORED);
    }
}
