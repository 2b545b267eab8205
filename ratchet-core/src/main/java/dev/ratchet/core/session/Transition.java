package dev.ratchet.core.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.plan.PlanStep;

/**
 * What the planner must do after a decision: store {@code session} (and {@code accepted}, {@code plan},
 * {@code progress}) in one Redis transaction, cut the accepted patches to {@code patchesKept} when a person asked
 * for a redo, then publish {@code events}. {@code plan} is the plan as given (by the planner model, a skill or a
 * person's edit), kept next to the steps. {@code REPLAYED} means the decision was already stored by an earlier
 * delivery whose publishing may not have finished: only the events are sent again (with the same ids).
 */
public record Transition(Outcome outcome, Session session, Optional<AcceptedPatch> accepted,
        List<RatchetEvent> events, List<Progress> progress, Optional<List<PlanStep>> plan, OptionalInt patchesKept) {

    public enum Outcome {
        APPLIED, REPLAYED, IGNORED
    }

    /** A decision that neither sets a plan nor drops accepted patches. */
    public Transition(Outcome outcome, Session session, Optional<AcceptedPatch> accepted, List<RatchetEvent> events,
            List<Progress> progress) {
        this(outcome, session, accepted, events, progress, Optional.empty(), OptionalInt.empty());
    }

    /** This decision, its session as stored (with the version it was stored at). */
    public Transition storedAs(Session stored) {
        return new Transition(outcome, stored, accepted, events, progress, plan, patchesKept);
    }

    /**
     * This decision with {@code earlier} before its own progress lines (what led to it, decided outside the machine:
     * a skill's plan not replayed); nothing is added to a decision that was not applied.
     */
    public Transition withEarlierProgress(List<Progress> earlier) {
        if (outcome != Outcome.APPLIED || earlier.isEmpty()) {
            return this;
        }
        List<Progress> all = new ArrayList<>(earlier);
        all.addAll(progress);
        return new Transition(outcome, session, accepted, events, List.copyOf(all), plan, patchesKept);
    }

    Transition withPlan(List<PlanStep> given) {
        return new Transition(outcome, session, accepted, events, progress, Optional.of(List.copyOf(given)),
                patchesKept);
    }

    Transition keepingPatches(int count) {
        return new Transition(outcome, session, accepted, events, progress, plan, OptionalInt.of(count));
    }

    static Transition ignored(Session session) {
        return new Transition(Outcome.IGNORED, session, Optional.empty(), List.of(), List.of());
    }

    static Transition replayed(Session session, List<RatchetEvent> events) {
        return new Transition(Outcome.REPLAYED, session, Optional.empty(), events, List.of());
    }
}
