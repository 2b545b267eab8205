package dev.ratchet.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.event.Verification;
import dev.ratchet.core.session.Transition.Outcome;

/**
 * A person's candidate for the running step: sent to the verifiers as a variant of the current attempt, recorded on
 * the step, kept when verified first, and leaving the step as it was when rejected. Expected event ids are literals
 * (GoldenEvents).
 */
class CandidateDecisionTest {

    private static final Instant AT = SessionMachineTest.T0.plusSeconds(25);
    private static final String DIFF = "diff --git a/src/app.py b/src/app.py\n--- a/src/app.py\n+++ b/src/app.py\n"
            + "@@ -1 +1 @@\n-pass\n+print('hi')\n";
    private static final BlobRef PATCH = BlobRef.of(SessionMachineTest.ID, DIFF);
    private static final PatchStats STATS = new PatchStats(List.of("src/app.py"), 1, 1);

    private final SessionMachine machine = new SessionMachine(3, 8000);
    private final Transition planned = machine.planned(SessionMachineTest.newSession(), SessionMachineTest.PLAN,
            SessionMachineTest.T0.plusSeconds(20));

    private Transition submit(Session session, String author, Instant at) {
        return machine.candidate(session, "s1", author, PATCH, STATS, at);
    }

    private static StepExecuted executed(Transition t) {
        assertThat(t.events()).singleElement().isInstanceOf(StepExecuted.class);
        return (StepExecuted) t.events().get(0);
    }

    private static StepVerified verified(StepExecuted executed, Instant at) {
        return StepVerified.of(executed, at, new StepVerified.Payload(executed.payload().patch(),
                executed.payload().stats(), List.of(new CheckResult("unit", "pytest -q", 0, true, false, 900, "ok")),
                executed.payload().execution(), new Verification("verifier-1", at.minusSeconds(2), at)));
    }

    private static StepRejected rejected(StepExecuted executed, Instant at, String stage, String reason) {
        return StepRejected.of(executed, at, new StepRejected.Payload(stage, reason, null, List.of(),
                executed.payload().execution(), new Verification("verifier-1", at.minusSeconds(1), at)));
    }

    @Test
    void aCandidateIsSentToTheVerifiersAsAVariantOfTheCurrentAttempt() {
        Transition t = submit(planned.session(), "alice", AT);

        assertThat(t.outcome()).isEqualTo(Outcome.APPLIED);
        StepExecuted executed = executed(t);
        assertThat(executed.eventId()).isEqualTo(UUID.fromString("7b1aed0c-fd6a-3504-a40d-932656b4c662"));
        assertThat(executed.stepId()).isEqualTo("s1");
        assertThat(executed.attempt()).isEqualTo(1);
        assertThat(executed.variant()).as("a person's first candidate: above every model variant")
                .isEqualTo(Candidate.VARIANT_BASE + 1).isEqualTo(101);
        assertThat(executed.payload().work()).isEqualTo(new StepWork(0, 0, 3, "Add greet()",
                "Add greet(name) to src/app.py", "Greet users by name"));
        assertThat(executed.payload().patch()).isEqualTo(PATCH);
        assertThat(executed.payload().error()).isNull();
        assertThat(executed.payload().execution().executor()).isEqualTo("person:alice");
        assertThat(executed.payload().execution().usage()).isEqualTo(Usage.NONE);
        assertThat(t.session().steps().get(0).candidates()).singleElement().satisfies(c -> {
            assertThat(c.variant()).isEqualTo(101);
            assertThat(c.number()).isEqualTo(1);
            assertThat(c.author()).isEqualTo("alice");
            assertThat(c.status()).isEqualTo(Candidate.Status.SUBMITTED);
            assertThat(c.patch()).isEqualTo(PATCH);
        });
        assertThat(t.progress()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(Progress.STEP_CANDIDATE);
            assertThat(p.message()).isEqualTo("step 1/3 \"Add greet()\" attempt 1: candidate 1 by person:alice "
                    + "submitted (+1 -1 in 1 file), verifying");
        });
        // the second candidate of the step is the next variant, with an id of its own
        StepExecuted second = executed(submit(t.session(), "bob", AT.plusSeconds(1)));
        assertThat(second.variant()).isEqualTo(102);
        assertThat(second.eventId()).isEqualTo(UUID.fromString("17461a10-eee9-3179-bdd4-14d50786bcd5"));
    }

    @Test
    void onlyTheRunningStepTakesCandidates() {
        assertThat(machine.candidate(planned.session(), "s2", "alice", PATCH, STATS, AT).outcome())
                .isEqualTo(Outcome.IGNORED);
        assertThat(machine.candidate(SessionMachineTest.newSession(), "s1", "alice", PATCH, STATS, AT).outcome())
                .as("still planning").isEqualTo(Outcome.IGNORED);
    }

    @Test
    void aVerifiedCandidateIsTheStepsResultAndTheModelsLateVerdictChangesNothing() {
        Transition submitted = submit(planned.session(), "alice", AT);
        StepExecuted candidate = executed(submitted);

        Transition t = machine.onVerdict(submitted.session(), verified(candidate, AT.plusSeconds(5)),
                AT.plusSeconds(5));

        assertThat(t.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(t.accepted()).contains(new AcceptedPatch("s1", 1, 101, PATCH));
        StepState s1 = t.session().steps().get(0);
        assertThat(s1.status()).isEqualTo(StepStatus.VERIFIED);
        assertThat(s1.lastAttempt().execution().executor()).as("recorded as written by a person")
                .isEqualTo("person:alice");
        assertThat(s1.candidates()).extracting(Candidate::status).containsExactly(Candidate.Status.ACCEPTED);
        assertThat(t.progress().get(0).message()).isEqualTo("step 1/3 \"Add greet()\" attempt 1 verified "
                + "(candidate 1 by person:alice) (unit passed in 900 ms)");
        StepRequested next = SessionMachineTest.request(t);
        assertThat(next.stepId()).isEqualTo("s2");
        assertThat(next.payload().work().acceptedPatches()).isEqualTo(1);

        // the model's own verdict for attempt 1 arrives afterwards: no second patch, no second request
        StepRequested r1 = SessionMachineTest.request(planned);
        Transition late = machine.onVerdict(t.session(), Verdicts.rejected(r1, SessionMachineTest.U1, "late", "x"),
                AT.plusSeconds(9));
        assertThat(late.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(late.accepted()).isEmpty();
    }

    @Test
    void aRejectedCandidateIsRecordedAndTheStepGoesOn() {
        Transition submitted = submit(planned.session(), "alice", AT);

        Transition t = machine.onVerdict(submitted.session(), rejected(executed(submitted), AT.plusSeconds(3),
                StepRejected.STAGE_REVIEW, "rejected by guardrail no-deletes: src/app.py"), AT.plusSeconds(3));

        assertThat(t.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(t.events()).isEmpty();
        assertThat(t.accepted()).isEmpty();
        StepState s1 = t.session().steps().get(0);
        assertThat(s1.status()).isEqualTo(StepStatus.RUNNING);
        assertThat(s1.attempts()).extracting(Attempt::number, Attempt::status)
                .containsExactly(tuple(1, AttemptStatus.REQUESTED));
        assertThat(s1.candidates()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(Candidate.Status.REJECTED);
            assertThat(c.stage()).isEqualTo("review");
            assertThat(c.reason()).isEqualTo("rejected by guardrail no-deletes: src/app.py");
        });
        assertThat(t.progress()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(
                "step 1/3 \"Add greet()\" candidate 1 by person:alice rejected at review: rejected by guardrail "
                        + "no-deletes: src/app.py"));
        // the model's verdict still decides the attempt
        Transition model = machine.onVerdict(t.session(), Verdicts.verified(SessionMachineTest.request(planned),
                SessionMachineTest.U1), AT.plusSeconds(6));
        assertThat(model.accepted()).contains(new AcceptedPatch("s1", 1, 0,
                Verdicts.patchFor(SessionMachineTest.request(planned))));
    }

    @Test
    void aCandidateVerifiedAfterTheModelsVerdictIsTooLate() {
        Transition submitted = submit(planned.session(), "alice", AT);
        Transition model = machine.onVerdict(submitted.session(), Verdicts.verified(SessionMachineTest.request(planned),
                SessionMachineTest.U1), AT.plusSeconds(2));

        Transition t = machine.onVerdict(model.session(), verified(executed(submitted), AT.plusSeconds(4)),
                AT.plusSeconds(4));

        assertThat(t.accepted()).isEmpty();
        assertThat(t.events()).isEmpty();
        assertThat(t.session().steps().get(0).candidates()).extracting(Candidate::status)
                .containsExactly(Candidate.Status.TOO_LATE);
        assertThat(t.session().currentStep()).isEqualTo(1);
        // and the same verdict again is ignored
        assertThat(machine.onVerdict(t.session(), verified(executed(submitted), AT.plusSeconds(4)),
                AT.plusSeconds(6)).outcome()).isEqualTo(Outcome.IGNORED);
    }
}
