package dev.ratchet.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.session.Transition.Outcome;

/** A person cancels a session (deleting its CodingSession): it fails with their reason, once. */
class SessionCancelTest {

    private final SessionMachine machine = new SessionMachine(3, 8000);
    private final Instant at = SessionMachineTest.T0.plusSeconds(60);

    @Test
    void aRunningSessionFailsWithTheReason() {
        Session running = machine.planned(SessionMachineTest.newSession(), SessionMachineTest.PLAN,
                SessionMachineTest.T0.plusSeconds(20)).session();

        Transition t = machine.cancelled(running, "the CodingSession was deleted", at);

        assertThat(t.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(t.session().status()).isEqualTo(SessionStatus.FAILED);
        assertThat(t.session().failureReason()).isEqualTo("cancelled: the CodingSession was deleted");
        assertThat(t.session().finishedAt()).isEqualTo(at);
        assertThat(t.events()).singleElement().isInstanceOfSatisfying(SessionFailed.class,
                e -> assertThat(e.payload().reason()).isEqualTo("cancelled: the CodingSession was deleted"));
        assertThat(t.progress()).extracting(Progress::type).containsExactly(Progress.SESSION_FAILED);
    }

    @Test
    void aPlanningSessionFailsWithoutAStep() {
        Transition t = machine.cancelled(SessionMachineTest.newSession(), "deleted", at);

        assertThat(t.session().status()).isEqualTo(SessionStatus.FAILED);
        assertThat(t.events()).singleElement().isInstanceOfSatisfying(SessionFailed.class,
                e -> assertThat(e.stepId()).isNull());
    }

    @Test
    void aFinishedSessionStaysAsItIs() {
        Session failed = machine.planningFailed(SessionMachineTest.newSession(), "no plan", at).session();

        Transition t = machine.cancelled(failed, "deleted", at.plusSeconds(1));

        assertThat(t.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(t.session().failureReason()).isEqualTo("planning failed: no plan");
        assertThat(t.events()).isEmpty();
    }
}
