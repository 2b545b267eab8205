package dev.ratchet.core.plan;

import java.util.ArrayList;
import java.util.List;

import dev.ratchet.core.session.FieldViolation;

/**
 * A plan step's optional approach hints, one per variant: variant k of a fanned-out attempt is told approach k
 * (carried in its request's {@code sampling.approach}); a variant past the last hint gets none and explores freely.
 * The text comes from the planner model or a person and goes into an executor's prompt, so it is bounded and plain.
 */
public final class Approaches {

    /**
     * 16 hints at most: the default ladder fans out to 5 variants, and more distinct ideas than 16 for one small step
     * are variations of each other; 16 × {@link #MAX_CHARS} keeps a step's hints under 5 KB of the session hash.
     */
    public static final int MAX_APPROACHES = 16;
    /** One or two sentences, about 75 tokens of the step's prompt: a direction, not a second set of instructions. */
    public static final int MAX_CHARS = 300;

    private Approaches() {
    }

    /** What is wrong with a step's {@code approaches}, each problem named by its field ({@code at.approaches[1]}). */
    public static List<FieldViolation> violations(String at, List<String> approaches) {
        List<FieldViolation> errors = new ArrayList<>();
        if (approaches.size() > MAX_APPROACHES) {
            errors.add(new FieldViolation(at + ".approaches", "has " + approaches.size() + " entries, over the limit "
                    + "of " + MAX_APPROACHES));
            return errors;
        }
        for (int i = 0; i < approaches.size(); i++) {
            String field = at + ".approaches[" + i + "]";
            String text = approaches.get(i);
            if (text == null || text.isBlank()) {
                errors.add(new FieldViolation(field, "must be a non-blank string"));
            } else if (text.length() > MAX_CHARS) {
                errors.add(new FieldViolation(field, "has " + text.length() + " characters, over the limit of "
                        + MAX_CHARS));
            } else if (text.chars().anyMatch(Character::isISOControl)) {
                errors.add(new FieldViolation(field, "must be one line without control characters"));
            }
        }
        return errors;
    }

    /** The hint for {@code variant}, or null when the step has none for it. */
    public static String forVariant(List<String> approaches, int variant) {
        return variant >= 0 && variant < approaches.size() ? approaches.get(variant) : null;
    }

    /**
     * The hint as an executor puts it into a prompt: trusted only as text, whatever the request said, so control
     * characters become spaces and it is cut to {@link #MAX_CHARS}; null or blank is none.
     */
    public static String forPrompt(String approach) {
        if (approach == null || approach.isBlank()) {
            return null;
        }
        StringBuilder plain = new StringBuilder();
        approach.strip().codePoints().limit(MAX_CHARS)
                .forEach(c -> plain.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return plain.toString();
    }
}
