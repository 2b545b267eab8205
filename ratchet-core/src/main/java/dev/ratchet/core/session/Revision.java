package dev.ratchet.core.session;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * One re-planning of a session after a step failed all its attempts. The plan the session started with is revision
 * 1; this is revision {@code number} (2, 3, ...). {@code failedStep} and {@code reason} say what went wrong (the
 * step's last rejection); {@code replaced} keeps the steps the revision replaced (the failed one with its attempts,
 * and the ones after it), {@code revisedSteps} the ids of the steps that took their place. A revision asked for and
 * not yet answered by the planner model has no {@code revisedAt}.
 */
public record Revision(int number, String failedStep, String reason, Instant requestedAt, Instant revisedAt,
        List<StepState> replaced, List<String> revisedSteps) {

    @JsonCreator
    public Revision {
        replaced = replaced == null ? List.of() : List.copyOf(replaced);
        revisedSteps = revisedSteps == null ? List.of() : List.copyOf(revisedSteps);
    }

    static Revision requested(int number, String failedStep, String reason, Instant now) {
        return new Revision(number, failedStep, reason, now, null, List.of(), List.of());
    }

    public boolean pending() {
        return revisedAt == null;
    }

    Revision revised(List<StepState> old, List<String> ids, Instant now) {
        return new Revision(number, failedStep, reason, requestedAt, now, old, ids);
    }

    /** The id a revised plan's step gets: its place in the whole plan and the revision, never an earlier step's id. */
    static String stepId(int index, int revision) {
        return "s" + (index + 1) + "r" + revision;
    }
}
