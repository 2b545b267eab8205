package dev.ratchet.core.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One bounded step of a plan: small enough for a fast executor model to do in one patch. {@code variants}
 * overrides the session's number of variants per attempt for this step (1 to 64); null for the session's.
 */
public record PlanStep(String id, String title, String instructions,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer variants) {

    @JsonCreator
    public PlanStep {
    }

    /** A step with the session's number of variants. */
    public PlanStep(String id, String title, String instructions) {
        this(id, title, instructions, null);
    }
}
