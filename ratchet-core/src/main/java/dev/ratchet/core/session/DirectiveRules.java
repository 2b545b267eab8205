package dev.ratchet.core.session;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.ratchet.core.session.Directive.Type;

/**
 * Which directive a session may take in which state (the table in docs/ARCHITECTURE.md), and what a directive
 * must hold. A malformed directive is the caller's error (400, naming the field); a well-formed one the session
 * cannot take now is a conflict (409): a finished session takes none.
 */
public final class DirectiveRules {

    /** A note goes into every following step's prompt: 2,000 characters is a paragraph, not a document. */
    public static final int MAX_NOTE_CHARS = 2000;
    public static final int MAX_FEEDBACK_CHARS = 2000;
    /** One request carries a handful of directives; 20 leaves room without letting one request fill a session. */
    public static final int MAX_PER_REQUEST = 20;

    private static final Set<Type> ANY_TIME = EnumSet.of(Type.NOTE, Type.GUARDRAILS, Type.READ_ONLY, Type.CANCEL);

    /** The directives legal in each unfinished state; a finished session takes none. */
    public static final Map<SessionStatus, Set<Type>> LEGAL = Map.of(
            SessionStatus.PLANNING, with(Type.PAUSE),
            SessionStatus.AWAITING_APPROVAL, with(Type.SKIP, Type.PAUSE),
            SessionStatus.RUNNING, with(Type.REDO, Type.SKIP, Type.PAUSE),
            SessionStatus.PAUSED, with(Type.REDO, Type.SKIP, Type.RESUME));

    private DirectiveRules() {
    }

    private static Set<Type> with(Type... more) {
        Set<Type> set = EnumSet.copyOf(ANY_TIME);
        set.addAll(List.of(more));
        return Set.copyOf(set);
    }

    /** What is wrong with directive {@code i} as received, each naming its field ({@code directives[0].text}). */
    public static List<FieldViolation> violations(int i, Directive d) {
        String at = "directives[" + i + "]";
        List<FieldViolation> errors = new ArrayList<>();
        if (d == null || d.type() == null) {
            errors.add(new FieldViolation(at + ".type", "is required: one of note, guardrails, readOnly, redo, skip, "
                    + "pause, resume, cancel"));
            return errors;
        }
        switch (d.type()) {
            case NOTE -> text(errors, at + ".text", d.text(), MAX_NOTE_CHARS, true);
            case CANCEL -> text(errors, at + ".text", d.text(), MAX_NOTE_CHARS, false);
            case GUARDRAILS -> {
                if (d.guardrails() == null) {
                    errors.add(new FieldViolation(at + ".guardrails", "is required: the guardrail fields to change"));
                }
            }
            case REDO, SKIP -> text(errors, at + ".step", d.step(), 64, true);
            default -> {
            }
        }
        if (d.type() == Type.REDO) {
            text(errors, at + ".feedback", d.feedback(), MAX_FEEDBACK_CHARS, false);
        }
        return errors;
    }

    private static void text(List<FieldViolation> errors, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldViolation(field, "is required"));
            }
        } else if (value.length() > max) {
            errors.add(new FieldViolation(field, "has " + value.length() + " characters, over the limit of " + max));
        }
    }

    /** Why the session cannot take {@code d} now, or empty when it can. */
    public static Optional<String> refusal(Session s, Directive d) {
        if (s.status().terminal()) {
            return Optional.of("the session is " + s.status() + "; a finished session takes no directives");
        }
        if (!LEGAL.get(s.status()).contains(d.type())) {
            return Optional.of(d.type().json() + " is not taken while the session is " + s.status());
        }
        if (d.type() == Type.PAUSE && s.steering().pending().stream().anyMatch(p -> p.type() == Type.PAUSE)) {
            return Optional.of("a pause is already waiting for the next step boundary");
        }
        if (d.type() == Type.REDO || d.type() == Type.SKIP) {
            Optional<StepState> step = s.steps().stream().filter(x -> x.id().equals(d.step())).findFirst();
            StepStatus needed = d.type() == Type.REDO ? StepStatus.VERIFIED : StepStatus.PENDING;
            if (step.isEmpty()) {
                return Optional.of("the plan has no step " + d.step());
            }
            if (step.get().status() != needed) {
                return Optional.of(d.type().json() + " needs a " + needed.name().toLowerCase(Locale.ROOT)
                        + " step; " + d.step() + " is " + step.get().status().name().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /** The first refusal among {@code ds}, with the directive's index, or empty when the session takes them all. */
    public static Optional<String> refusal(Session s, List<Directive> ds) {
        if (s.steering().directives().size() + ds.size() > Steering.MAX_DIRECTIVES) {
            return Optional.of("the session has " + s.steering().directives().size() + " directives; it keeps at most "
                    + Steering.MAX_DIRECTIVES);
        }
        for (int i = 0; i < ds.size(); i++) {
            Optional<String> why = refusal(s, ds.get(i));
            if (why.isPresent()) {
                return Optional.of("directives[" + i + "]: " + why.get());
            }
        }
        return Optional.empty();
    }
}
