package dev.ratchet.core.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.ratchet.core.session.Fanout;
import dev.ratchet.core.session.FieldViolation;

/**
 * What a plan a person edits must hold, checked again before it replaces the one waiting for approval: 1 to
 * {@code maxSteps} steps, each with a unique id, a title and instructions within bounds, and approach hints within
 * {@link Approaches}' bounds. Every problem is named by
 * its field ({@code steps[1].title}).
 */
public final class PlanRules {

    /** Step ids go into event ids, Redis values and git trailers: short and plain. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    /** A title is a line in PLAN.md: 500 characters, as a replayed skill's plan allows ({@code ReplayChoice}). */
    static final int MAX_TITLE_CHARS = 500;
    /** Instructions go into every attempt's prompt: 8,000 characters is about 2,000 tokens of an 8k budget. */
    static final int MAX_INSTRUCTIONS_CHARS = 8000;

    private PlanRules() {
    }

    /** The problems of {@code steps}; empty when the plan may run. */
    public static List<FieldViolation> violations(List<PlanStep> steps, int maxSteps) {
        List<FieldViolation> errors = new ArrayList<>();
        if (steps == null || steps.isEmpty() || steps.size() > maxSteps) {
            errors.add(new FieldViolation("steps", "must hold 1 to " + maxSteps + " steps, not "
                    + (steps == null ? 0 : steps.size())));
            return errors;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            String at = "steps[" + i + "]";
            PlanStep step = steps.get(i);
            if (step == null) {
                errors.add(new FieldViolation(at, "must be a step with id, title and instructions"));
                continue;
            }
            if (step.id() == null || !ID.matcher(step.id()).matches()) {
                errors.add(new FieldViolation(at + ".id", "must be 1 to 32 letters, digits, _ or -"));
            } else if (!ids.add(step.id())) {
                errors.add(new FieldViolation(at + ".id", "repeats the id " + step.id()));
            }
            text(errors, at + ".title", step.title(), MAX_TITLE_CHARS);
            text(errors, at + ".instructions", step.instructions(), MAX_INSTRUCTIONS_CHARS);
            if (step.variants() != null) {
                variantsViolation(step.variants()).ifPresent(m -> errors.add(new FieldViolation(at + ".variants", m)));
            }
            errors.addAll(Approaches.violations(at, step.approaches()));
        }
        return errors;
    }

    /** What is wrong with a number of variants (a session's or a step's), if anything. */
    public static Optional<String> variantsViolation(int variants) {
        return variants < 1 || variants > Fanout.MAX_VARIANTS
                ? Optional.of("must be between 1 and " + Fanout.MAX_VARIANTS + ", not " + variants)
                : Optional.empty();
    }

    private static void text(List<FieldViolation> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldViolation(field, "is required"));
        } else if (value.length() > max) {
            errors.add(new FieldViolation(field, "has " + value.length() + " characters, over the limit of " + max));
        }
    }
}
