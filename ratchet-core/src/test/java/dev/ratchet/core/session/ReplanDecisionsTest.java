package dev.ratchet.core.session;

import static dev.ratchet.core.session.SessionMachineTest.PLAN;
import static dev.ratchet.core.session.SessionMachineTest.T0;
import static dev.ratchet.core.session.SessionMachineTest.U1;
import static dev.ratchet.core.session.SessionMachineTest.newSession;
import static dev.ratchet.core.session.SessionMachineTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Transition.Outcome;
import dev.ratchet.core.store.SessionHash;

/** Re-planning after a step failed all its attempts: the bound, the revision, redelivery, verified steps kept. */
class ReplanDecisionsTest {

    static final List<PlanStep> REVISION = List.of(
            new PlanStep("s1", "Write the test first", "Add tests/test_app.py::test_greet"),
            new PlanStep("s2", "Make the test pass", "Implement greet in src/app.py"));
    static final Usage REPLAN_USAGE = new Usage(2000, 300, 4000, 75);

    private final SessionMachine once = new SessionMachine(2, 8000, Deadlines.DEFAULTS, Fanout.DEFAULTS, 1);

    /** s1 verified, s2 rejected twice (both attempts): the session waits for a revision. */
    private Transition failStep2(SessionMachine machine) {
        Transition t = machine.planned(newSession(), PLAN, T0.plusSeconds(10));
        t = machine.onVerdict(t.session(), Verdicts.verified(request(t), U1), T0.plusSeconds(20));
        t = machine.onVerdict(t.session(), Verdicts.rejected(request(t), U1, "1 test failed", "E assert 1 == 2"),
                T0.plusSeconds(30));
        return machine.onVerdict(t.session(), Verdicts.rejected(request(t), U1, "1 test failed", "E assert 1 == 3"),
                T0.plusSeconds(40));
    }

    @Test
    void replansMustNotBeNegative() {
        assertThatThrownBy(() -> new SessionMachine(2, 8000, Deadlines.DEFAULTS, Fanout.DEFAULTS, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStepThatFailsEveryAttemptSendsTheSessionBackToPlanning() {
        Transition t = failStep2(once);

        assertThat(t.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(t.events()).isEmpty();
        Session s = t.session();
        assertThat(s.status()).isEqualTo(SessionStatus.PLANNING);
        assertThat(s.currentStep()).isEqualTo(1);
        assertThat(s.steps()).extracting(StepState::status)
                .containsExactly(StepStatus.VERIFIED, StepStatus.FAILED, StepStatus.PENDING);
        Revision revision = s.pendingRevision().orElseThrow();
        assertThat(revision.number()).isEqualTo(2);
        assertThat(revision.failedStep()).isEqualTo("s2");
        assertThat(revision.reason()).isEqualTo("step 2/3 \"Test greet()\" was rejected 2 times; last at check: "
                + "1 test failed");
        assertThat(t.progress()).last().satisfies(p -> {
            assertThat(p.type()).isEqualTo(Progress.SESSION_REPLANNING);
            assertThat(p.message()).endsWith("the planner model revises the plan from step s2 (revision 2, "
                    + "re-plan 1 of 1)");
        });
    }

    @Test
    void theRevisionReplacesTheFailedStepAndTheRestAndKeepsTheVerifiedOnes() {
        Session replanning = failStep2(once).session();
        Instant at = T0.plusSeconds(50);

        Transition t = once.replanned(replanning, REVISION, REPLAN_USAGE, at);

        assertThat(t.outcome()).isEqualTo(Outcome.APPLIED);
        Session s = t.session();
        assertThat(s.status()).isEqualTo(SessionStatus.RUNNING);
        assertThat(s.steps()).extracting(StepState::id).containsExactly("s1", "s2r2", "s3r2");
        assertThat(s.steps()).extracting(StepState::index).containsExactly(0, 1, 2);
        assertThat(s.steps().get(0)).isEqualTo(replanning.steps().get(0));
        assertThat(s.steps()).extracting(StepState::status)
                .containsExactly(StepStatus.VERIFIED, StepStatus.RUNNING, StepStatus.PENDING);
        assertThat(s.plannerUsage()).isEqualTo(REPLAN_USAGE);
        Revision revision = s.revisions().get(0);
        assertThat(revision.pending()).isFalse();
        assertThat(revision.revisedAt()).isEqualTo(at);
        assertThat(revision.replaced()).extracting(StepState::id).containsExactly("s2", "s3");
        assertThat(revision.replaced().get(0).attemptCount()).isEqualTo(2);
        assertThat(revision.revisedSteps()).containsExactly("s2r2", "s3r2");
        assertThat(t.plan().orElseThrow()).extracting(PlanStep::id).containsExactly("s1", "s2r2", "s3r2");
        StepRequested next = request(t);
        assertThat(next.stepId()).isEqualTo("s2r2");
        assertThat(next.attempt()).isEqualTo(1);
        assertThat(next.payload().work().acceptedPatches()).isEqualTo(1);
        assertThat(next.payload().work().title()).isEqualTo("Write the test first");
        assertThat(t.progress()).first().satisfies(p -> assertThat(p.message()).isEqualTo(
                "plan revised (revision 2, after step s2 failed): 2 steps replaced by 2 (s2r2, s3r2)"));
        assertThat(t.patchesKept()).isEmpty();
    }

    @Test
    void theRevisedPlanRunsToTheEnd() {
        Transition t = once.replanned(failStep2(once).session(), REVISION, REPLAN_USAGE, T0.plusSeconds(50));
        t = once.onVerdict(t.session(), Verdicts.verified(request(t), U1), T0.plusSeconds(60));
        t = once.onVerdict(t.session(), Verdicts.verified(request(t), U1), T0.plusSeconds(70));

        assertThat(t.session().status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(t.session().verifiedSteps()).isEqualTo(3);
    }

    @Test
    void redeliveredVerdictsAndRevisionsChangeNothing() {
        Transition planned = once.planned(newSession(), PLAN, T0.plusSeconds(10));
        Transition t = once.onVerdict(planned.session(), Verdicts.verified(request(planned), U1), T0.plusSeconds(20));
        Transition first = once.onVerdict(t.session(), Verdicts.rejected(request(t), U1, "failed", "x"),
                T0.plusSeconds(30));
        var lastVerdict = Verdicts.rejected(request(first), U1, "failed", "y");
        Session replanning = once.onVerdict(first.session(), lastVerdict, T0.plusSeconds(40)).session();

        Transition again = once.onVerdict(replanning, lastVerdict, T0.plusSeconds(41));
        assertThat(again.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(again.session()).isEqualTo(replanning);

        Session revised = once.replanned(replanning, REVISION, REPLAN_USAGE, T0.plusSeconds(50)).session();
        assertThat(once.replanned(revised, REVISION, REPLAN_USAGE, T0.plusSeconds(51)).outcome())
                .isEqualTo(Outcome.IGNORED);
        assertThat(once.onVerdict(revised, lastVerdict, T0.plusSeconds(52)).outcome()).isEqualTo(Outcome.IGNORED);
    }

    @Test
    void aSessionThatWasNotReplanningTakesNoRevision() {
        Transition t = once.planned(newSession(), PLAN, T0.plusSeconds(10));

        assertThat(once.replanned(newSession(), REVISION, REPLAN_USAGE, T0).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(once.replanned(t.session(), REVISION, REPLAN_USAGE, T0).outcome()).isEqualTo(Outcome.IGNORED);
    }

    @Test
    void theSessionFailsOnceTheBoundIsHit() {
        Transition t = once.replanned(failStep2(once).session(), REVISION, REPLAN_USAGE, T0.plusSeconds(50));
        t = once.onVerdict(t.session(), Verdicts.rejected(request(t), U1, "still failing", "a"), T0.plusSeconds(60));
        t = once.onVerdict(t.session(), Verdicts.rejected(request(t), U1, "still failing", "b"), T0.plusSeconds(70));

        assertThat(t.session().status()).isEqualTo(SessionStatus.FAILED);
        assertThat(t.session().failureReason()).isEqualTo("step 2/3 \"Write the test first\" was rejected 2 times; "
                + "last at check: still failing; no re-planning left (1 of 1 used)");
        assertThat(t.session().steps().get(0).status()).isEqualTo(StepStatus.VERIFIED);
        assertThat(t.session().revisions()).hasSize(1);
        assertThat(t.events()).singleElement().isInstanceOf(SessionFailed.class);
    }

    @Test
    void withNoReplansTheSessionFailsAsBefore() {
        SessionMachine never = new SessionMachine(2, 8000);

        Transition t = failStep2(never);

        assertThat(t.session().status()).isEqualTo(SessionStatus.FAILED);
        assertThat(t.session().failureReason()).isEqualTo("step 2/3 \"Test greet()\" was rejected 2 times; last at "
                + "check: 1 test failed");
        assertThat(t.session().revisions()).isEmpty();
    }

    @Test
    void aFailedRevisionFailsTheSessionNamingTheStepAndTheCause() {
        Transition t = once.planningFailed(failStep2(once).session(), "the planner model returned an empty answer",
                T0.plusSeconds(50));

        assertThat(t.session().status()).isEqualTo(SessionStatus.FAILED);
        assertThat(t.session().failureReason()).isEqualTo("re-planning failed: revision 2 after step s2 failed (step "
                + "2/3 \"Test greet()\" was rejected 2 times; last at check: 1 test failed): the planner model "
                + "returned an empty answer");
        assertThat(t.session().steps().get(0).status()).isEqualTo(StepStatus.VERIFIED);
        assertThat(((SessionFailed) t.events().get(0)).stepId()).isEqualTo("s2");
    }

    @Test
    void withManualApprovalARevisionWaitsAndApprovalRunsItFromTheFailedStep() {
        Session manual = Session.created(SessionMachineTest.ID, "/srv/repos/demo", "Greet users by name",
                "abc1234def", SessionMachineTest.CHECKS, StepPolicy.DEFAULTS, Approval.MANUAL, T0);
        Transition t = once.approved(once.planned(manual, PLAN, T0.plusSeconds(5)).session(), T0.plusSeconds(8));
        t = once.onVerdict(t.session(), Verdicts.verified(request(t), U1), T0.plusSeconds(20));
        t = once.onVerdict(t.session(), Verdicts.rejected(request(t), U1, "failed", "x"), T0.plusSeconds(30));
        t = once.onVerdict(t.session(), Verdicts.rejected(request(t), U1, "failed", "y"), T0.plusSeconds(40));

        Transition revised = once.replanned(t.session(), REVISION, REPLAN_USAGE, T0.plusSeconds(50));
        assertThat(revised.session().status()).isEqualTo(SessionStatus.AWAITING_APPROVAL);
        assertThat(revised.events()).isEmpty();
        assertThat(once.planEdited(revised.session(), PLAN, T0.plusSeconds(55)).outcome())
                .isEqualTo(Outcome.IGNORED);

        Transition approved = once.approved(revised.session(), T0.plusSeconds(60));
        assertThat(request(approved).stepId()).isEqualTo("s2r2");
        assertThat(approved.session().steps().get(0).status()).isEqualTo(StepStatus.VERIFIED);
    }

    @Test
    void revisionsSurviveTheRedisHash() {
        Session revised = once.replanned(failStep2(once).session(), REVISION, REPLAN_USAGE, T0.plusSeconds(50))
                .session();

        assertThat(SessionHash.session(SessionHash.fields(revised))).isEqualTo(revised);
    }
}
