package dev.ratchet.core.session;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.ratchet.core.guardrail.GuardrailsUpdate;

/**
 * One steering directive from a person, as the session keeps it: received at {@code receivedAt}, applied at the
 * next step boundary ({@link Steering}), when {@code appliedAt} and {@code effectiveStep} (the id of the step it
 * first acted on, null when the session ended with it) are set. {@code outcome} says what it did, in words.
 *
 * @param text a {@code note}'s text
 * @param guardrails a {@code guardrails} directive's fields to merge
 * @param step the step a {@code redo} or {@code skip} names
 * @param feedback why a {@code redo} is wanted, sent to the executor with the step again
 * @param by who gave it, when not a person through the API: a CodingSession's annotation
 *        ({@code annotation ratchet.dev/steer-note on CodingSession ns/name}); the Kubernetes controller reads it
 *        back to give each annotation value one directive, whatever number of times it reconciles
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Directive(String id, Type type, String text, GuardrailsUpdate guardrails, String step, String feedback,
        Instant receivedAt, Instant appliedAt, String effectiveStep, String outcome, String by) {

    /** A directive with no {@code by}: a person's, through {@code POST /api/v1/sessions/{id}/steer}. */
    public Directive(String id, Type type, String text, GuardrailsUpdate guardrails, String step, String feedback,
            Instant receivedAt, Instant appliedAt, String effectiveStep, String outcome) {
        this(id, type, text, guardrails, step, feedback, receivedAt, appliedAt, effectiveStep, outcome, null);
    }

    /** {@code directive} given by {@code by}. */
    public static Directive by(String by, Directive directive) {
        return new Directive(directive.id, directive.type, directive.text, directive.guardrails, directive.step,
                directive.feedback, directive.receivedAt, directive.appliedAt, directive.effectiveStep,
                directive.outcome, by);
    }

    /** The directive types, written in JSON as the API takes them ({@code note}, {@code readOnly}, ...). */
    public enum Type {
        NOTE, GUARDRAILS, READ_ONLY, REDO, SKIP, PAUSE, RESUME, CANCEL;

        @JsonValue
        public String json() {
            return this == READ_ONLY ? "readOnly" : name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException naming the accepted values */
        @JsonCreator
        public static Type parse(String value) {
            for (Type t : values()) {
                if (t.json().equals(value)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("must be one of note, guardrails, readOnly, redo, skip, pause, "
                    + "resume, cancel");
        }
    }

    public boolean pending() {
        return appliedAt == null;
    }

    Directive applied(Instant at, String onStep, String what) {
        return new Directive(id, type, text, guardrails, step, feedback, receivedAt, at, onStep, what, by);
    }

    /** A short description for progress lines and PROGRESS.md. */
    public String describe() {
        return id + " " + type.json() + switch (type) {
            case NOTE -> " \"" + text + "\"";
            case REDO -> " " + step + (feedback == null ? "" : " \"" + feedback + "\"");
            case SKIP -> " " + step;
            case CANCEL -> text == null ? "" : " \"" + text + "\"";
            default -> "";
        } + (by == null ? "" : " (" + by + ")");
    }
}
