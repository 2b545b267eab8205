package dev.ratchet.k8s.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.ratchet.core.guardrail.GuardrailsUpdate;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.session.Approval;
import dev.ratchet.core.session.Directive;
import dev.ratchet.core.session.DirectiveRules;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionStatus;

/**
 * Steering through {@code kubectl annotate}: what a CodingSession's annotations ask of its session, decided from
 * the stored session alone. An annotation is a desired state, read again at every reconcile, while a directive is
 * given once: each annotation's current value becomes one directive, marked {@code by} the annotation, and a value
 * is given again only when it differs from the last one that annotation gave. That record lives in the session
 * (Redis, in the same transaction as the directive), so a controller restarted or re-elected between giving a
 * directive and writing the status never gives it twice; and a note changed from A to B and back to A gives A
 * again, as a person expects.
 *
 * <ul>
 * <li>{@code ratchet.dev/steer-note}: a {@code note} directive with the value as its text.</li>
 * <li>{@code ratchet.dev/steer-guardrails}: a {@code guardrails} directive; the value is the JSON object
 * {@code POST .../steer} takes ({@code {"deletes": false}}), read as strictly.</li>
 * <li>{@code ratchet.dev/approve}: {@code "true"} approves a plan that waits for approval (every plan that waits,
 * while it is set); {@code "false"} does nothing.</li>
 * </ul>
 */
public final class AnnotationSteering {

    public static final String NOTE = "ratchet.dev/steer-note";
    public static final String GUARDRAILS = "ratchet.dev/steer-guardrails";
    public static final String APPROVE = "ratchet.dev/approve";
    public static final List<String> ANNOTATIONS = List.of(NOTE, GUARDRAILS, APPROVE);
    /** What {@code by} of an annotation's directive starts with. */
    static final String BY = "annotation ";

    /**
     * What the controller is to do now.
     *
     * @param directives to send through the steering service, marked {@code by} their annotation
     * @param approve whether to approve the plan that waits
     * @param problems each annotation that cannot be acted on, with why: for the Steering condition, never an error
     * @param waiting each annotation that the session does not take in its present state but will later
     */
    public record Decision(List<Directive> directives, boolean approve, List<String> problems,
            List<String> waiting) {

        public boolean acts() {
            return !directives.isEmpty() || approve;
        }
    }

    private AnnotationSteering() {
    }

    public static Decision decide(Session session, Map<String, String> annotations) {
        List<Directive> directives = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        wanted(session, NOTE, annotations.get(NOTE), problems).ifPresent(directives::add);
        wanted(session, GUARDRAILS, annotations.get(GUARDRAILS), problems).ifPresent(directives::add);
        List<Directive> taken = new ArrayList<>();
        for (Directive d : directives) {
            Optional<String> refusal = DirectiveRules.refusal(session, d);
            if (refusal.isEmpty()) {
                taken.add(d);
            } else if (session.status().terminal()) {
                problems.add(d.by().substring(BY.length()) + ": not applied: " + refusal.get());
            } else {
                waiting.add(d.by().substring(BY.length()) + ": " + refusal.get());
            }
        }
        boolean approve = false;
        String approval = annotations.get(APPROVE);
        if (approval != null && !approval.equals("false")) {
            if (!approval.equals("true")) {
                problems.add(APPROVE + ": must be \"true\" or \"false\", was \"" + SessionStatuses.shorten(approval)
                        + "\"");
            } else if (session.steering().approval() != Approval.MANUAL) {
                problems.add(APPROVE + ": the session's plan does not wait for approval (spec.approval is auto)");
            } else if (session.status() == SessionStatus.AWAITING_APPROVAL) {
                approve = true;
            } else if (session.status() == SessionStatus.PLANNING) {
                waiting.add(APPROVE + ": no plan waits for approval yet (the session is PLANNING)");
            }
        }
        return new Decision(List.copyOf(taken), approve, List.copyOf(problems), List.copyOf(waiting));
    }

    /** The directives the session holds from annotations, oldest first. */
    public static List<Directive> given(Session session) {
        return session.steering().directives().stream()
                .filter(d -> d.by() != null && d.by().startsWith(BY)).toList();
    }

    static String by(String annotation) {
        return BY + annotation;
    }

    /** The directive {@code value} asks for, when it is valid and not the one its annotation gave last. */
    private static Optional<Directive> wanted(Session session, String annotation, String value,
            List<String> problems) {
        if (value == null) {
            return Optional.empty();
        }
        Directive wanted;
        if (annotation.equals(NOTE)) {
            wanted = new Directive(null, Directive.Type.NOTE, value, null, null, null, null, null, null, null,
                    by(annotation));
        } else {
            GuardrailsUpdate update;
            try {
                update = Json.mapper().readValue(value, GuardrailsUpdate.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                problems.add(annotation + ": not a guardrails object: " + SessionStatuses.shorten(why));
                return Optional.empty();
            }
            wanted = new Directive(null, Directive.Type.GUARDRAILS, null, update, null, null, null, null, null, null,
                    by(annotation));
        }
        for (FieldViolation v : DirectiveRules.violations(0, wanted)) {
            problems.add(annotation + ": " + v.message());
            return Optional.empty();
        }
        Optional<Directive> last = given(session).stream().filter(d -> d.by().equals(by(annotation)))
                .reduce((first, second) -> second);
        boolean same = last.isPresent() && (annotation.equals(NOTE) ? value.equals(last.get().text())
                : wanted.guardrails().equals(last.get().guardrails()));
        return same ? Optional.empty() : Optional.of(wanted);
    }
}
