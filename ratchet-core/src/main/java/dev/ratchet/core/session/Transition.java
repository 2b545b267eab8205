package dev.ratchet.core.session;

import java.util.List;
import java.util.Optional;

import dev.ratchet.core.event.RatchetEvent;

/**
 * What the planner must do after a decision: store {@code session} (and {@code accepted}, {@code progress}) in one
 * Redis transaction, then publish {@code events}. {@code REPLAYED} means the decision was already stored by an
 * earlier delivery whose publishing may not have finished: only the events are sent again (with the same ids).
 */
public record Transition(Outcome outcome, Session session, Optional<AcceptedPatch> accepted,
        List<RatchetEvent> events, List<Progress> progress) {

    public enum Outcome {
        APPLIED, REPLAYED, IGNORED
    }

    static Transition ignored(Session session) {
        return new Transition(Outcome.IGNORED, session, Optional.empty(), List.of(), List.of());
    }

    static Transition replayed(Session session, List<RatchetEvent> events) {
        return new Transition(Outcome.REPLAYED, session, Optional.empty(), events, List.of());
    }
}
