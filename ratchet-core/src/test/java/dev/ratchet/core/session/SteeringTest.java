package dev.ratchet.core.session;

import static dev.ratchet.core.session.SessionMachineTest.PLAN;
import static dev.ratchet.core.session.SessionMachineTest.T0;
import static dev.ratchet.core.session.SessionMachineTest.U1;
import static dev.ratchet.core.session.SessionMachineTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.guardrail.GuardrailsUpdate;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Directive.Type;
import dev.ratchet.core.session.Transition.Outcome;

/** Manual approval and steering directives: each taken in, refused, or applied at the step boundary. */
class SteeringTest {

    private final SessionMachine machine = new SessionMachine(3, 8000);

    static Directive directive(Type type, String text, String step) {
        return new Directive(null, type, text, null, step, null, null, null, null, null);
    }

    static Directive note(String text) {
        return directive(Type.NOTE, text, null);
    }

    private static Session manual() {
        return Session.created(SessionMachineTest.ID, "/srv/repos/demo", "Greet users by name", "abc1234def",
                SessionMachineTest.CHECKS, StepPolicy.DEFAULTS, Approval.MANUAL, T0);
    }

    /** The last step request decided: what a verdict answers (a steering decision sends none). */
    private StepRequested asked;

    private Transition running() {
        return remember(machine.planned(SessionMachineTest.newSession(), PLAN, T0.plusSeconds(1)));
    }

    private Transition verify(Transition t, int second) {
        return remember(machine.onVerdict(t.session(), Verdicts.verified(asked, U1), T0.plusSeconds(second)));
    }

    private Transition remember(Transition t) {
        t.events().stream().filter(StepRequested.class::isInstance).forEach(e -> asked = (StepRequested) e);
        return t;
    }

    private Transition steer(Transition t, Directive d, int second) {
        return machine.steered(t.session(), List.of(d), T0.plusSeconds(second));
    }

    @Test
    void manualApprovalWaitsWithThePlanThenAnEditThenRunsOnApproval() {
        Transition planned = machine.planned(manual(), PLAN, T0.plusSeconds(1));
        assertThat(planned.session().status()).isEqualTo(SessionStatus.AWAITING_APPROVAL);
        assertThat(planned.events()).isEmpty();
        assertThat(planned.plan()).contains(PLAN);
        assertThat(planned.progress().get(0).message()).isEqualTo("plan ready: 3 steps; waiting for approval");
        assertThat(machine.deadline(planned.session())).contains(T0.plus(Deadlines.DEFAULTS.sessionMaxDuration()));

        List<PlanStep> edited = List.of(PLAN.get(0), new PlanStep("s2", "Test greet() well", "Add tests"));
        Transition edit = machine.planEdited(planned.session(), edited, T0.plusSeconds(2));
        assertThat(edit.session().steps()).extracting(StepState::title).containsExactly("Add greet()",
                "Test greet() well");
        assertThat(edit.plan()).contains(edited);
        assertThat(edit.progress()).extracting(Progress::type).containsExactly(Progress.PLAN_EDITED);

        Transition approved = remember(machine.approved(edit.session(), T0.plusSeconds(3)));
        assertThat(approved.session().status()).isEqualTo(SessionStatus.RUNNING);
        assertThat(request(approved).stepId()).isEqualTo("s1");
        assertThat(approved.progress()).extracting(Progress::type).containsExactly(Progress.PLAN_APPROVED,
                Progress.STEP_REQUESTED);

        assertThat(machine.approved(approved.session(), T0).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(machine.planEdited(approved.session(), PLAN, T0).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(machine.planned(SessionMachineTest.newSession(), PLAN, T0).session().steering().approval())
                .isEqualTo(Approval.AUTO);
    }

    @Test
    void aNoteWaitsForTheBoundaryThenReachesEveryFollowingStep() {
        Transition t = steer(running(), note("don't touch types yet"), 5);
        assertThat(t.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(t.events()).isEmpty();
        Directive d1 = t.session().steering().directives().get(0);
        assertThat(d1.id()).isEqualTo("d1");
        assertThat(d1.pending()).isTrue();
        assertThat(t.session().steeringNotes()).isEmpty();
        assertThat(t.progress().get(0).message())
                .isEqualTo("directive d1 note \"don't touch types yet\" received; it takes effect at the next step boundary");

        Transition next = verify(t, 10);
        Directive applied = next.session().steering().directives().get(0);
        assertThat(applied.effectiveStep()).isEqualTo("s2");
        assertThat(applied.appliedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(next.session().steeringNotes()).containsExactly("don't touch types yet (" + T0.plusSeconds(5) + ")");
        assertThat(next.progress()).extracting(Progress::type).containsExactly(Progress.STEP_VERIFIED,
                Progress.DIRECTIVE_APPLIED, Progress.STEP_REQUESTED);
        assertThat(request(next).stepId()).isEqualTo("s2");

        Transition last = verify(verify(next, 11), 12);
        assertThat(last.progress().get(last.progress().size() - 1).message())
                .isEqualTo("session " + SessionMachineTest.ID + " COMPLETED: 3/3 steps verified (1 directive applied)");
    }

    @Test
    void guardrailsAndReadOnlyAreMergedAtTheBoundary() {
        GuardrailsUpdate noDeletes = new GuardrailsUpdate(null, null, List.of("types/**"), false, null, null, null);
        Transition t = machine.steered(running().session(), List.of(
                new Directive(null, Type.GUARDRAILS, null, noDeletes, null, null, null, null, null, null)),
                T0.plusSeconds(5));
        assertThat(t.session().policy().guardrails().forbid()).doesNotContain("types/**");
        Transition next = verify(t, 6);
        assertThat(next.session().policy().guardrails().forbid()).containsExactly("types/**");
        assertThat(next.session().policy().guardrails().deletes()).isFalse();

        Transition ro = verify(steer(next, directive(Type.READ_ONLY, null, null), 7), 8);
        assertThat(ro.session().policy().guardrails().readOnly()).containsExactly("**");
        assertThat(ro.session().policy().guardrails().maxNewFiles()).isZero();
        assertThat(ro.session().policy().guardrails().forbid()).containsExactly("types/**");
    }

    @Test
    void skipTakesAPendingStepOutAndTheSessionCompletesWithoutIt() {
        Transition t = steer(running(), directive(Type.SKIP, null, "s2"), 5);
        Transition next = verify(t, 6);
        assertThat(request(next).stepId()).isEqualTo("s3");
        assertThat(request(next).payload().work().acceptedPatches()).isEqualTo(1);
        assertThat(next.session().steps().get(1).status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(next.session().steering().directives().get(0).effectiveStep()).isEqualTo("s3");
        Transition done = verify(next, 7);
        assertThat(done.session().status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(((SessionCompleted) done.events().get(0)).payload().steps()).extracting(SessionCompleted.CompletedStep::stepId)
                .containsExactly("s1", "s3");
    }

    @Test
    void aSkipOfTheLastStepsCompletesAtTheBoundary() {
        Transition t = machine.steered(running().session(), List.of(directive(Type.SKIP, null, "s2"),
                directive(Type.SKIP, null, "s3")), T0.plusSeconds(5));
        Transition done = verify(t, 6);
        assertThat(done.session().status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(done.session().steering().directives()).extracting(Directive::effectiveStep)
                .containsOnlyNulls();
        assertThat(done.progress().get(1).message()).endsWith("applied at the end: step s2 skipped");
    }

    @Test
    void redoDropsTheVerifiedPatchesAndAsksForTheStepAgainWithTheFeedback() {
        Transition s2 = verify(running(), 5);
        Transition t = machine.steered(s2.session(), List.of(new Directive(null, Type.REDO, null, null, "s1",
                "use an f-string", null, null, null, null)), T0.plusSeconds(6));
        Transition after = verify(t, 7);
        assertThat(after.accepted()).isPresent();
        assertThat(after.patchesKept()).hasValue(0);
        StepRequested again = request(after);
        assertThat(again.stepId()).isEqualTo("s1");
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.payload().work().acceptedPatches()).isZero();
        assertThat(again.payload().feedback()).containsExactly("a person asked to redo this step: use an f-string");
        assertThat(after.session().steps()).extracting(StepState::status).containsExactly(StepStatus.RUNNING,
                StepStatus.PENDING, StepStatus.PENDING);
        assertThat(after.session().currentStep()).isZero();

        Transition s2again = verify(after, 8);
        assertThat(request(s2again).stepId()).isEqualTo("s2");
        assertThat(request(s2again).attempt()).isEqualTo(2);
    }

    @Test
    void pauseStopsAtTheBoundaryAndResumeAsksForTheNextStep() {
        Transition t = steer(running(), directive(Type.PAUSE, null, null), 5);
        assertThat(steer(t, directive(Type.PAUSE, null, null), 5).outcome()).isEqualTo(Outcome.IGNORED);
        Transition paused = verify(t, 6);
        assertThat(paused.session().status()).isEqualTo(SessionStatus.PAUSED);
        assertThat(paused.events()).isEmpty();
        assertThat(paused.session().currentStep()).isEqualTo(1);
        assertThat(paused.progress().get(paused.progress().size() - 1).type()).isEqualTo(Progress.SESSION_PAUSED);
        assertThat(machine.onDeadline(paused.session(), Liveness.NOBODY, T0.plusSeconds(600)).outcome())
                .isEqualTo(Outcome.IGNORED);

        Transition noted = steer(paused, note("smaller steps"), 7);
        assertThat(noted.session().status()).isEqualTo(SessionStatus.PAUSED);
        Transition resumed = remember(steer(noted, directive(Type.RESUME, null, null), 8));
        assertThat(resumed.session().status()).isEqualTo(SessionStatus.RUNNING);
        assertThat(request(resumed).stepId()).isEqualTo("s2");
        assertThat(resumed.session().steeringNotes()).hasSize(1);
        assertThat(resumed.session().steering().pending()).isEmpty();
    }

    @Test
    void cancelEndsTheSessionAtOnceAndALateVerdictIsDropped() {
        Transition run = running();
        Transition cancelled = steer(run, directive(Type.CANCEL, null, null), 5);
        assertThat(cancelled.session().status()).isEqualTo(SessionStatus.CANCELLED);
        assertThat(cancelled.session().status().terminal()).isTrue();
        SessionFailed end = (SessionFailed) cancelled.events().get(0);
        assertThat(end.payload().reason()).isEqualTo("cancelled by a person (directive d1)");
        assertThat(cancelled.progress()).extracting(Progress::type).containsExactly(Progress.DIRECTIVE_RECEIVED,
                Progress.DIRECTIVE_APPLIED, Progress.SESSION_CANCELLED);
        assertThat(cancelled.progress().get(2).terminal()).isTrue();

        Transition late = machine.onVerdict(cancelled.session(), Verdicts.verified(asked, U1),
                T0.plusSeconds(6));
        assertThat(late.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(late.session().verifiedSteps()).isZero();
        assertThat(steer(cancelled, note("too late"), 7).outcome()).isEqualTo(Outcome.IGNORED);
    }

    @Test
    void refusedOrMalformedDirectivesStoreNothing() {
        Transition run = running();
        assertThat(steer(run, directive(Type.RESUME, null, null), 5).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(steer(run, directive(Type.REDO, null, "s1"), 5).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(steer(run, directive(Type.SKIP, null, "s1"), 5).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(steer(run, directive(Type.SKIP, null, "s9"), 5).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(steer(run, note(" "), 5).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(machine.steered(run.session(), List.of(), T0).outcome()).isEqualTo(Outcome.IGNORED);
    }

    @Test
    void aDirectiveThatNoLongerFitsAtTheBoundaryIsRecordedAsNotApplied() {
        Transition planned = machine.planned(manual(), PLAN, T0.plusSeconds(1));
        Transition skip = steer(planned, directive(Type.SKIP, null, "s3"), 2);
        Transition edited = machine.planEdited(skip.session(), PLAN.subList(0, 2), T0.plusSeconds(3));
        Transition approved = remember(machine.approved(edited.session(), T0.plusSeconds(4)));
        Directive d1 = approved.session().steering().directives().get(0);
        assertThat(d1.outcome()).isEqualTo("not applied: s3 is no longer a pending step");
        assertThat(d1.effectiveStep()).isEqualTo("s1");
    }

    @Test
    void aRedoWhosStepIsNoLongerVerifiedIsNotApplied() {
        Transition s2 = verify(running(), 5);
        Transition redo = steer(s2, directive(Type.REDO, null, "s1"), 6);
        Transition twice = steer(redo, directive(Type.REDO, null, "s1"), 6);
        Transition after = verify(twice, 7);
        assertThat(after.session().steering().directives()).extracting(Directive::outcome).containsExactly(
                "step s1 and every later verified step are redone; their patches dropped",
                "not applied: s1 is no longer a verified step");
        assertThat(request(after).attempt()).isEqualTo(2);
    }

    @Test
    void legalityFollowsTheTable() {
        Session planning = SessionMachineTest.newSession();
        assertThat(DirectiveRules.refusal(planning, note("x"))).isEmpty();
        assertThat(DirectiveRules.refusal(planning, directive(Type.SKIP, null, "s1")))
                .contains("skip is not taken while the session is PLANNING");
        assertThat(DirectiveRules.refusal(planning, directive(Type.RESUME, null, null))).isPresent();
        Session done = planning.finished(SessionStatus.COMPLETED, null, T0);
        assertThat(DirectiveRules.refusal(done, note("x")))
                .contains("the session is COMPLETED; a finished session takes no directives");
        assertThat(DirectiveRules.refusal(running().session(), directive(Type.REDO, null, "s1")))
                .contains("redo needs a verified step; s1 is running");
        assertThat(DirectiveRules.refusal(running().session(), List.of(note("a"), directive(Type.RESUME, null, null))))
                .contains("directives[1]: resume is not taken while the session is RUNNING");
        for (SessionStatus status : SessionStatus.values()) {
            assertThat(DirectiveRules.LEGAL.containsKey(status)).isEqualTo(!status.terminal());
        }
    }

    @Test
    void fieldsAreCheckedNamingThem() {
        assertThat(DirectiveRules.violations(0, note(" "))).extracting(FieldViolation::field)
                .containsExactly("directives[0].text");
        assertThat(DirectiveRules.violations(1, note("x".repeat(2001)))).extracting(FieldViolation::message)
                .containsExactly("has 2001 characters, over the limit of 2000");
        assertThat(DirectiveRules.violations(2, directive(Type.REDO, null, null))).extracting(FieldViolation::field)
                .containsExactly("directives[2].step");
        assertThat(DirectiveRules.violations(0, directive(Type.GUARDRAILS, null, null)))
                .extracting(FieldViolation::field).containsExactly("directives[0].guardrails");
        assertThat(DirectiveRules.violations(0, directive(null, null, null))).extracting(FieldViolation::field)
                .containsExactly("directives[0].type");
        assertThat(DirectiveRules.violations(0, directive(Type.PAUSE, null, null))).isEmpty();
        assertThat(Type.parse("readOnly")).isEqualTo(Type.READ_ONLY);
        assertThat(Approval.parse("manual")).isEqualTo(Approval.MANUAL);
    }

}
