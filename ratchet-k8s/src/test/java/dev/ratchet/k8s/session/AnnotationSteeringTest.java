package dev.ratchet.k8s.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.guardrail.GuardrailsUpdate;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Approval;
import dev.ratchet.core.session.Directive;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.core.session.StepPolicy;
import io.fabric8.kubernetes.api.model.Condition;

/**
 * Steering by annotation: each annotation value gives one directive however often the controller reconciles, a
 * changed value gives another, a bad value is reported and gives none, and approval acts only on a plan that waits.
 */
class AnnotationSteeringTest {

    static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
    static final List<PlanStep> PLAN = List.of(new PlanStep("s1", "Add median()", "Add median(xs) to stats.py"),
            new PlanStep("s2", "Test median()", "Add tests"));

    private final SessionMachine machine = new SessionMachine(3, 8000);

    private Session created(Approval approval) {
        return Session.created("id-1", "/repos/stats", "Add a median", "abc123",
                List.of(new Check("unit", "python3 -m unittest", 60)), StepPolicy.DEFAULTS, approval, T0);
    }

    private Session running() {
        return machine.planned(created(Approval.AUTO), PLAN, T0.plusSeconds(5)).session();
    }

    /** What the controller does: the decision's directives, given through the machine as the steering service does. */
    private Session given(Session session, Map<String, String> annotations) {
        AnnotationSteering.Decision decision = AnnotationSteering.decide(session, annotations);
        return decision.directives().isEmpty() ? session
                : machine.steered(session, decision.directives(), T0.plusSeconds(30)).session();
    }

    @Test
    void aNoteAnnotationGivesOneNoteHoweverOftenItIsReadAndAgainWhenItChanges() {
        Map<String, String> a = Map.of(AnnotationSteering.NOTE, "don't touch types yet");
        Session once = given(running(), a);

        assertThat(AnnotationSteering.given(once)).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(Directive.Type.NOTE);
            assertThat(d.text()).isEqualTo("don't touch types yet");
            assertThat(d.by()).isEqualTo("annotation ratchet.dev/steer-note");
            assertThat(d.describe()).endsWith("(annotation ratchet.dev/steer-note)");
        });
        assertThat(AnnotationSteering.decide(once, a).acts()).as("the same value, read again").isFalse();

        Session changed = given(once, Map.of(AnnotationSteering.NOTE, "types are fine now"));
        Session back = given(changed, a);
        assertThat(AnnotationSteering.given(back)).extracting(Directive::text).containsExactly(
                "don't touch types yet", "types are fine now", "don't touch types yet");
    }

    @Test
    void aGuardrailsAnnotationIsReadAsStrictlyAsTheApiAndComparedByValueNotBySpelling() {
        Session once = given(running(), Map.of(AnnotationSteering.GUARDRAILS, "{\"deletes\": false}"));

        assertThat(AnnotationSteering.given(once)).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(Directive.Type.GUARDRAILS);
            assertThat(d.guardrails()).isEqualTo(new GuardrailsUpdate(null, null, null, false, null, null, null));
        });
        assertThat(AnnotationSteering.decide(once, Map.of(AnnotationSteering.GUARDRAILS, "{ \"deletes\":false }"))
                .acts()).as("the same guardrails, spelled differently").isFalse();

        AnnotationSteering.Decision unknown = AnnotationSteering.decide(once,
                Map.of(AnnotationSteering.GUARDRAILS, "{\"delete\": false}"));
        assertThat(unknown.acts()).isFalse();
        assertThat(unknown.problems()).singleElement().asString()
                .startsWith("ratchet.dev/steer-guardrails: not a guardrails object: ").contains("delete");
        assertThat(AnnotationSteering.decide(once, Map.of(AnnotationSteering.GUARDRAILS, "deletes=false"))
                .problems()).singleElement().asString().startsWith("ratchet.dev/steer-guardrails: ");
    }

    @Test
    void aBlankNoteIsAProblemNotADirective() {
        AnnotationSteering.Decision d = AnnotationSteering.decide(running(), Map.of(AnnotationSteering.NOTE, " "));

        assertThat(d.directives()).isEmpty();
        assertThat(d.problems()).containsExactly("ratchet.dev/steer-note: is required");
    }

    @Test
    void approvalActsOnlyOnAPlanThatWaitsAndOnlyForTrue() {
        Session planning = created(Approval.MANUAL);
        Session waiting = machine.planned(planning, PLAN, T0.plusSeconds(5)).session();
        assertThat(waiting.status()).isEqualTo(SessionStatus.AWAITING_APPROVAL);
        Map<String, String> approve = Map.of(AnnotationSteering.APPROVE, "true");

        assertThat(AnnotationSteering.decide(planning, approve).approve()).isFalse();
        assertThat(AnnotationSteering.decide(planning, approve).waiting()).singleElement().asString()
                .contains("no plan waits for approval yet");
        assertThat(AnnotationSteering.decide(waiting, approve).approve()).isTrue();
        assertThat(AnnotationSteering.decide(waiting, Map.of(AnnotationSteering.APPROVE, "false")).acts()).isFalse();
        assertThat(AnnotationSteering.decide(waiting, Map.of(AnnotationSteering.APPROVE, "yes")).problems())
                .containsExactly("ratchet.dev/approve: must be \"true\" or \"false\", was \"yes\"");
        Session approved = machine.approved(waiting, T0.plusSeconds(9)).session();
        assertThat(AnnotationSteering.decide(approved, approve).acts()).as("approved already").isFalse();
        assertThat(AnnotationSteering.decide(running(), approve).problems()).singleElement().asString()
                .contains("does not wait for approval");
    }

    @Test
    void aFinishedSessionTakesNoNewValueButAGivenOneIsNoProblem() {
        Map<String, String> note = Map.of(AnnotationSteering.NOTE, "keep it small");
        Session steered = given(running(), note);
        Session cancelled = machine.steered(steered, List.of(new Directive(null, Directive.Type.CANCEL, "stop", null,
                null, null, null, null, null, null)), T0.plusSeconds(40)).session();

        assertThat(AnnotationSteering.decide(cancelled, note).problems()).isEmpty();
        AnnotationSteering.Decision late = AnnotationSteering.decide(cancelled,
                Map.of(AnnotationSteering.NOTE, "too late"));
        assertThat(late.directives()).isEmpty();
        assertThat(late.problems()).singleElement().asString()
                .startsWith("ratchet.dev/steer-note: not applied: the session is CANCELLED");
    }

    @Test
    void theSteeringConditionSaysWhatTheAnnotationsDidOrWhyNot() {
        Map<String, String> note = Map.of(AnnotationSteering.NOTE, "don't touch types yet");
        Session received = given(running(), note);

        Condition pending = steering(SessionStatuses.of(received, 1, note));
        assertThat(pending.getStatus()).isEqualTo("True");
        assertThat(pending.getReason()).as("applied at the next step boundary").isEqualTo("Received");
        assertThat(pending.getMessage()).isEqualTo("d1 note \"don't touch types yet\" (annotation "
                + "ratchet.dev/steer-note): waits for the next step boundary");
        assertThat(SessionStatuses.of(received, 1, note)).as("read again: equal, so not rewritten")
                .isEqualTo(SessionStatuses.of(received, 1, note));

        Condition invalid = steering(SessionStatuses.of(received, 1,
                Map.of(AnnotationSteering.NOTE, "don't touch types yet", AnnotationSteering.GUARDRAILS, "[]")));
        assertThat(invalid.getStatus()).isEqualTo("False");
        assertThat(invalid.getReason()).isEqualTo("InvalidAnnotation");
        assertThat(invalid.getMessage()).startsWith("ratchet.dev/steer-guardrails: not a guardrails object: ")
                .contains("d1 note");

        Condition noSession = steering(SessionStatuses.invalid(List.of("goal: blank"), 1, T0, note));
        assertThat(noSession.getReason()).isEqualTo("NoSession");
        assertThat(SessionStatuses.of(running(), 1, Map.of()).conditions()).extracting(Condition::getType)
                .doesNotContain(SessionStatuses.STEERING);
    }

    private static Condition steering(CodingSessionStatus status) {
        return status.conditions().stream().filter(c -> c.getType().equals(SessionStatuses.STEERING)).findFirst()
                .orElseThrow();
    }
}
