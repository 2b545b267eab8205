package dev.ratchet.workspace.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.session.Approval;
import dev.ratchet.core.session.Directive;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.core.session.Steering;
import dev.ratchet.core.session.StepPolicy;

/** An attempt takes the session's applied steering notes for its prompt, never the pending ones. */
class StepTaskTest {

    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    @Test
    void appliedNotesReachTheAttemptWithTheirTimes() {
        Directive applied = new Directive("d1", Directive.Type.NOTE, "keep functions pure", null, null, null, T0,
                T0.plusSeconds(5), "s2", "note added to every following step's prompt");
        Directive pending = new Directive("d2", Directive.Type.NOTE, "not yet", null, null, null, T0.plusSeconds(6),
                null, null, null);
        Session session = new Session("id", "/repo", "goal", "abc", List.of(), StepPolicy.DEFAULTS,
                SessionStatus.RUNNING, List.of(), 0, T0, T0, null, null, 0, null,
                new Steering(Approval.AUTO, List.of(applied, pending)), 3, null);

        StepTask task = StepTask.of(new StepWork(1, 1, 3, "t", "i", "goal"), List.of(), 0, session);

        assertThat(task.steeringNotes()).containsExactly("keep functions pure (2025-03-01T09:00:00Z)");
    }
}
