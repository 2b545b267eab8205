package dev.ratchet.k8s.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.event.Verification;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Directive;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.core.session.Transition;
import io.fabric8.kubernetes.api.model.Condition;

/** A CodingSession's status from the stored session: every phase and the refusal (steering: AnnotationSteeringTest). */
class SessionStatusesTest {

    static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
    static final List<PlanStep> PLAN = List.of(new PlanStep("s1", "Add median()", "Add median(xs) to stats.py"),
            new PlanStep("s2", "Test median()", "Add tests"));

    private final SessionMachine machine = new SessionMachine(3, 8000);
    private final Session planning = Session.created("id-1", "/repos/stats", "Add a median", "abc123",
            List.of(new Check("unit", "python3 -m unittest", 60)), StepPolicy.DEFAULTS, T0);

    @Test
    void aPlanningSessionHasNoStepAndNoCountYet() {
        CodingSessionStatus status = SessionStatuses.of(planning, 1, Map.of());

        assertThat(status.sessionId()).isEqualTo("id-1");
        assertThat(status.phase()).isEqualTo("PLANNING");
        assertThat(status.currentStep()).isNull();
        assertThat(status.verified()).as("no plan: the column stays empty").isNull();
        assertThat(status.observedGeneration()).isEqualTo(1);
        assertThat(status.conditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo(SessionStatuses.ACCEPTED);
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-30T09:00:00Z");
        });
    }

    @Test
    void aRunningSessionShowsItsStepTitleVerifiedOverTotalAndAttempts() {
        Session running = machine.planned(planning, PLAN, T0.plusSeconds(5)).session();

        CodingSessionStatus status = SessionStatuses.of(running, 2, Map.of());

        assertThat(status.phase()).isEqualTo("RUNNING");
        assertThat(status.currentStep()).isEqualTo("Add median()");
        assertThat(status.verified()).isEqualTo("0/2");
        assertThat(status.verifiedSteps()).isZero();
        assertThat(status.totalSteps()).isEqualTo(2);
        assertThat(status.attempts()).isEqualTo(1);
        assertThat(status.message()).isNull();
    }

    @Test
    void aCompletedSessionNamesItsResultBranch() {
        Transition planned = machine.planned(planning, List.of(PLAN.get(0)), T0.plusSeconds(5));
        StepRequested request = (StepRequested) planned.events().get(0);
        Instant at = request.occurredAt();
        Execution execution = new Execution("executor-1", "fast-coder", at, at, at.plusSeconds(1), Usage.NONE);
        StepExecuted executed = StepExecuted.of(request, at.plusSeconds(1), new StepExecuted.Payload(
                request.payload().work(), BlobRef.of(request.sessionId(), "patch"),
                new PatchStats(List.of("stats.py"), 1, 0), execution, null));
        Session completed = machine.onVerdict(planned.session(), StepVerified.of(executed, at.plusSeconds(2),
                new StepVerified.Payload(executed.payload().patch(), executed.payload().stats(), List.of(),
                        execution, new Verification("verifier-1", at, at))), T0.plusSeconds(9)).session();

        CodingSessionStatus status = SessionStatuses.of(completed, 3, Map.of());

        assertThat(status.phase()).isEqualTo("COMPLETED");
        assertThat(status.resultBranch()).isEqualTo("ratchet/id-1");
        assertThat(SessionStatuses.of(planned.session(), 3, Map.of()).resultBranch()).as("not before").isNull();
    }

    @Test
    void aFailedSessionCarriesItsReasonInTheMessageAndAFinishedCondition() {
        Session failed = machine.planningFailed(planning, "the planner model is unreachable", T0.plusSeconds(9))
                .session();

        CodingSessionStatus status = SessionStatuses.of(failed, 1, Map.of());

        assertThat(status.phase()).isEqualTo("FAILED");
        assertThat(status.currentStep()).as("nothing is in hand any more").isNull();
        assertThat(status.message()).isEqualTo("planning failed: the planner model is unreachable");
        assertThat(status.conditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason,
                Condition::getLastTransitionTime).contains(tuple(
                        SessionStatuses.FINISHED, "True", "Failed", "2026-11-30T09:00:09Z"));
    }

    @Test
    void aCancelledSessionIsFinishedAsCancelled() {
        Session running = machine.planned(planning, PLAN, T0.plusSeconds(5)).session();
        Session cancelled = machine.steered(running, List.of(new Directive(null, Directive.Type.CANCEL,
                "the CodingSession was deleted", null, null, null, null, null, null, null)), T0.plusSeconds(9))
                .session();

        CodingSessionStatus status = SessionStatuses.of(cancelled, 1, Map.of());

        assertThat(status.phase()).isEqualTo("CANCELLED");
        assertThat(status.currentStep()).isNull();
        assertThat(status.conditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
                .contains(tuple(SessionStatuses.FINISHED, "True", "Cancelled"));
    }

    @Test
    void theSameSessionGivesAnEqualStatusSoNothingIsRewritten() {
        Session running = machine.planned(planning, PLAN, T0.plusSeconds(5)).session();

        assertThat(SessionStatuses.of(running, 3, Map.of())).isEqualTo(SessionStatuses.of(running, 3, Map.of()));
        assertThat(SessionStatuses.of(running, 3, Map.of())).isNotEqualTo(SessionStatuses.of(running, 4, Map.of()));
    }

    @Test
    void aRefusedSpecHasNoSessionAndIsNotJudgedAgainUntilItChanges() {
        CodingSessionStatus status = SessionStatuses.invalid(List.of("goal: must not be blank",
                "repo: not a git repository"), 4, T0, Map.of());

        assertThat(status.sessionId()).isNull();
        assertThat(status.phase()).isEqualTo(SessionStatuses.PHASE_INVALID);
        assertThat(status.message()).isEqualTo("goal: must not be blank; repo: not a git repository");
        assertThat(status.conditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo(SessionStatuses.ACCEPTED);
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("InvalidSpec");
        });
        assertThat(SessionStatuses.refused(status, 4)).isTrue();
        assertThat(SessionStatuses.refused(status, 5)).as("an edited spec is judged again").isFalse();
        assertThat(SessionStatuses.refused(null, 4)).isFalse();
        assertThat(SessionStatuses.refused(SessionStatuses.of(planning, 4, Map.of()), 4)).isFalse();
    }
}
