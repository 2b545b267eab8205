package dev.ratchet.core.session;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of a session's progress log (a Redis Stream per session): what happened, to which step, in words a
 * person reads in a terminal.
 *
 * @param variant which variant of an attempt fanned out to several (or which person's candidate, 101 and up) the
 *        line is about; null, and absent from the JSON and the stream entry, for a one-variant attempt and for every
 *        line written before variants were named, so those read as they always did
 */
public record Progress(String type, String stepId, int attempt, String message, Instant at,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer variant) {

    @JsonCreator
    public Progress {
    }

    /** A line about a session, a step or a one-variant attempt. */
    public Progress(String type, String stepId, int attempt, String message, Instant at) {
        this(type, stepId, attempt, message, at, null);
    }

    public static final String SESSION_CREATED = "session.created";
    public static final String SESSION_PLANNED = "session.planned";
    /** A skill matched and was trusted, but its plan cannot run in this session: the planner model plans it. */
    public static final String SKILL_NOT_REPLAYED = "session.skill-not-replayed";
    public static final String PLANNING_RESUMED = "session.planning-resumed";
    /** A step failed all its attempts and the planner model is asked to revise the plan from it; or it did. */
    public static final String SESSION_REPLANNING = "session.replanning";
    public static final String SESSION_REPLANNED = "session.replanned";
    public static final String STEP_REQUESTED = "step.requested";
    public static final String STEP_REDELIVERED = "step.redelivered";
    public static final String STEP_STARTED = "step.started";
    public static final String STEP_EXECUTED = "step.executed";
    public static final String STEP_VERIFYING = "step.verifying";
    /** A person submitted a candidate patch for the running step, or its verdict came. */
    public static final String STEP_CANDIDATE = "step.candidate";
    /** A verdict for one variant of an attempt fanned out to several, or its deadline passed with some missing. */
    public static final String STEP_VARIANT = "step.variant";
    public static final String STEP_VERIFIED = "step.verified";
    public static final String STEP_REJECTED = "step.rejected";
    /** A person's plan edit or approval (manual approval). */
    public static final String PLAN_EDITED = "plan.edited";
    public static final String PLAN_APPROVED = "plan.approved";
    /** A person's directive was received, or took effect at a step boundary. */
    public static final String DIRECTIVE_RECEIVED = "directive.received";
    public static final String DIRECTIVE_APPLIED = "directive.applied";
    public static final String SESSION_PAUSED = "session.paused";
    public static final String SESSION_CANCELLED = "session.cancelled";
    public static final String SESSION_COMPLETED = "session.completed";
    public static final String SESSION_FAILED = "session.failed";

    /**
     * The {@code variant} a line about variant {@code variant} of an attempt carries: itself when the attempt fanned
     * out ({@code fannedOut}: its request had sampling, or it is a person's candidate), else null.
     */
    public static Integer variantOf(int variant, boolean fannedOut) {
        return fannedOut || variant > Candidate.VARIANT_BASE ? Integer.valueOf(variant) : null;
    }

    public boolean terminal() {
        return SESSION_COMPLETED.equals(type) || SESSION_FAILED.equals(type) || SESSION_CANCELLED.equals(type);
    }
}
