package dev.ratchet.k8s.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepState;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/**
 * What a CodingSession's status says, decided from the stored session alone: the same session gives the same status
 * (times included: they are the session's, never the clock's), so the controller writes it only when it differs.
 */
public final class SessionStatuses {

    /** The phase of a resource whose spec was refused: no session exists for it. */
    public static final String PHASE_INVALID = "Invalid";
    /** Held while a session exists for the resource, so that deleting it cancels the session first. */
    public static final String FINALIZER = "ratchet.dev/session";
    /** Conditions: the spec made a session; the session ended; steering annotations were seen. */
    public static final String ACCEPTED = "Accepted";
    public static final String FINISHED = "Finished";
    public static final String STEERING = "Steering";
    /**
     * The steering annotations of issue 11 (note, guardrails, approval). The controller does not turn them into
     * directives yet (a person steers through {@code POST /api/v1/sessions/{id}/steer}): they are reported as not
     * supported, never silently dropped.
     */
    public static final List<String> STEERING_ANNOTATIONS = List.of("ratchet.dev/steer-note",
            "ratchet.dev/steer-guardrails", "ratchet.dev/approve");

    private SessionStatuses() {
    }

    public static CodingSessionStatus of(Session session, long generation, Map<String, String> annotations) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(condition(ACCEPTED, true, "SessionCreated", "session " + session.id(), session.createdAt(),
                generation));
        if (session.status().terminal()) {
            String reason = session.status().name().charAt(0) + session.status().name().substring(1).toLowerCase();
            conditions.add(condition(FINISHED, true, reason,
                    session.failureReason() == null ? "all steps verified" : session.failureReason(),
                    session.finishedAt(), generation));
        }
        steering(annotations, session.createdAt(), generation, conditions);
        int total = session.steps().size();
        int verified = (int) session.verifiedSteps();
        int attempts = session.steps().stream().mapToInt(s -> s.attempts().size()).sum();
        String step = session.status().terminal() ? null : session.current().map(StepState::title).orElse(null);
        return new CodingSessionStatus(session.id(), session.status().name(), step,
                total == 0 ? null : verified + "/" + total, verified, total, attempts, session.failureReason(),
                generation, List.copyOf(conditions));
    }

    /**
     * @param problems each refused field with why ({@code goal: must not be blank})
     * @param at the time the refusal is dated with: the resource's creation, so that judging the same spec again
     *        gives an equal status (one is only written when it changes)
     */
    public static CodingSessionStatus invalid(List<String> problems, long generation, Instant at,
            Map<String, String> annotations) {
        String message = String.join("; ", problems);
        List<Condition> conditions = new ArrayList<>();
        conditions.add(condition(ACCEPTED, false, "InvalidSpec", message, at, generation));
        steering(annotations, at, generation, conditions);
        return new CodingSessionStatus(null, PHASE_INVALID, null, null, null, null, null, message, generation,
                List.copyOf(conditions));
    }

    /** Whether this status already refused this generation of the spec (a new generation is judged again). */
    public static boolean refused(CodingSessionStatus status, long generation) {
        return status != null && PHASE_INVALID.equals(status.phase()) && status.observedGeneration() != null
                && status.observedGeneration() == generation;
    }

    private static void steering(Map<String, String> annotations, Instant at, long generation,
            List<Condition> conditions) {
        List<String> seen = STEERING_ANNOTATIONS.stream().filter(annotations::containsKey).toList();
        if (!seen.isEmpty()) {
            conditions.add(condition(STEERING, false, "NotSupported", String.join(", ", seen)
                    + ": steering by annotation is not built yet; nothing was changed (steer through POST "
                    + "/api/v1/sessions/{id}/steer)", at,
                    generation));
        }
    }

    private static Condition condition(String type, boolean status, String reason, String message, Instant at,
            long generation) {
        return new ConditionBuilder().withType(type).withStatus(status ? "True" : "False").withReason(reason)
                .withMessage(message).withLastTransitionTime(at.toString()).withObservedGeneration(generation)
                .build();
    }
}
