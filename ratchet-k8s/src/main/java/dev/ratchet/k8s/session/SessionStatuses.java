package dev.ratchet.k8s.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ratchet.core.session.Approval;
import dev.ratchet.core.session.Directive;
import dev.ratchet.core.session.ResultBranchName;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionStatus;
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
    /** Conditions: the spec made a session; the session ended; what the steering annotations did. */
    public static final String ACCEPTED = "Accepted";
    public static final String FINISHED = "Finished";
    public static final String STEERING = "Steering";
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
        steering(session, annotations, generation, conditions);
        int total = session.steps().size();
        int verified = (int) session.verifiedSteps();
        int attempts = session.steps().stream().mapToInt(s -> s.attempts().size()).sum();
        String step = session.status().terminal() ? null : session.current().map(StepState::title).orElse(null);
        return new CodingSessionStatus(session.id(), session.status().name(), step,
                total == 0 ? null : verified + "/" + total, verified, total, attempts, session.failureReason(),
                session.status() == SessionStatus.COMPLETED ? ResultBranchName.of(session.id()) : null, generation,
                List.copyOf(conditions));
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
        return new CodingSessionStatus(null, PHASE_INVALID, null, null, null, null, null, message, null, generation,
                List.copyOf(conditions));
    }

    /** Whether this status already refused this generation of the spec (a new generation is judged again). */
    public static boolean refused(CodingSessionStatus status, long generation) {
        return status != null && PHASE_INVALID.equals(status.phase()) && status.observedGeneration() != null
                && status.observedGeneration() == generation;
    }

    /**
     * The Steering condition, when the resource has a steering annotation or its session a directive one gave:
     * True ({@code Applied}, or {@code Received} while a directive waits for the next step boundary) listing the
     * directives the annotations gave, or False with why ({@code InvalidAnnotation}, {@code NotApplied} when the
     * session ended first, {@code Waiting} when its present state does not take one yet).
     */
    private static void steering(Session session, Map<String, String> annotations, long generation,
            List<Condition> conditions) {
        List<Directive> given = AnnotationSteering.given(session);
        if (given.isEmpty() && AnnotationSteering.ANNOTATIONS.stream().noneMatch(annotations::containsKey)) {
            return;
        }
        AnnotationSteering.Decision now = AnnotationSteering.decide(session, annotations);
        Instant at = given.stream().map(d -> d.appliedAt() == null ? d.receivedAt() : d.appliedAt())
                .max(Instant::compareTo).orElse(session.createdAt());
        List<String> lines = new ArrayList<>();
        for (Directive d : given) {
            lines.add(d.describe() + (d.pending() ? ": waits for the next step boundary"
                    : ": applied" + (d.effectiveStep() == null ? "" : " at step " + d.effectiveStep())));
        }
        if ("true".equals(annotations.get(AnnotationSteering.APPROVE))
                && session.steering().approval() == Approval.MANUAL
                && session.status() != SessionStatus.AWAITING_APPROVAL && session.status() != SessionStatus.PLANNING) {
            lines.add(AnnotationSteering.APPROVE + ": the plan is approved");
        }
        if (!now.problems().isEmpty()) {
            boolean invalid = now.problems().stream().noneMatch(p -> p.contains(": not applied: "));
            conditions.add(condition(STEERING, false, invalid ? "InvalidAnnotation" : "NotApplied",
                    String.join("; ", concat(now.problems(), lines)), at, generation));
        } else if (!now.waiting().isEmpty()) {
            conditions.add(condition(STEERING, false, "Waiting", String.join("; ", concat(now.waiting(), lines)),
                    at, generation));
        } else {
            conditions.add(condition(STEERING, true, given.stream().anyMatch(Directive::pending) ? "Received"
                    : "Applied", lines.isEmpty() ? "nothing to apply" : String.join("; ", lines), at, generation));
        }
    }

    /** A resource whose spec was refused has no session for its annotations to steer. */
    private static void steering(Map<String, String> annotations, Instant at, long generation,
            List<Condition> conditions) {
        List<String> seen = AnnotationSteering.ANNOTATIONS.stream().filter(annotations::containsKey).toList();
        if (!seen.isEmpty()) {
            conditions.add(condition(STEERING, false, "NoSession", String.join(", ", seen)
                    + ": nothing to steer, the spec was refused", at, generation));
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** {@code text} cut to 200 characters: an annotation's value is echoed in a condition, not kept there. */
    static String shorten(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }

    private static Condition condition(String type, boolean status, String reason, String message, Instant at,
            long generation) {
        return new ConditionBuilder().withType(type).withStatus(status ? "True" : "False").withReason(reason)
                .withMessage(message).withLastTransitionTime(at.toString()).withObservedGeneration(generation)
                .build();
    }
}
