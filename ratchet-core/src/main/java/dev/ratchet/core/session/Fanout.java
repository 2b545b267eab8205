package dev.ratchet.core.session;

import java.util.ArrayList;
import java.util.List;

import dev.ratchet.core.event.Sampling;
import dev.ratchet.core.plan.Approaches;
import dev.ratchet.core.plan.PlanRules;

/**
 * How an attempt fans out to variants: how many (the plan step's own number, else the session's) and how each is
 * sampled. Variant k of attempt a gets the k-th temperature of the ladder (cycling when there are more variants than
 * rungs) and seed (a - 1) * 64 + k, distinct for every variant of every attempt of a step, so a retry after a round
 * where nothing passed does not repeat the same samples; and the plan step's k-th approach hint, when it has one.
 *
 * @param temperatures the ladder ({@code ratchet.planner.variants.temperatures}); not empty, each 0 to 2
 */
public record Fanout(List<Double> temperatures) {

    /**
     * 64 variants at most: one attempt's verdicts are kept on the session hash (about 1.5 KB of output each, 100 KB
     * at 64), and 64 concurrent model calls already fill a large executor pool.
     */
    public static final int MAX_VARIANTS = 64;

    /**
     * A spread from near-greedy to adventurous: 0.2 keeps variant 0 close to what one variant would answer; 1.0 is
     * as far as coding models stay coherent (OpenAI's range is 0 to 2).
     */
    public static final Fanout DEFAULTS = new Fanout(List.of(0.2, 0.4, 0.6, 0.8, 1.0));

    public Fanout {
        temperatures = List.copyOf(temperatures);
        if (temperatures.isEmpty() || temperatures.stream().anyMatch(t -> t == null || t < 0 || t > 2)) {
            throw new IllegalArgumentException("variant temperatures must be 1 or more values from 0 to 2, not "
                    + temperatures);
        }
    }

    /**
     * What is wrong with a session request's {@code variants} (1 to 64) and {@code select} ({@code best} or
     * {@code first}), each named by its field; null means the default (1, best).
     */
    public static List<FieldViolation> violations(Integer variants, String select) {
        List<FieldViolation> violations = new ArrayList<>();
        if (variants != null) {
            PlanRules.variantsViolation(variants).ifPresent(m -> violations.add(new FieldViolation("variants", m)));
        }
        if (select != null) {
            try {
                Selection.parse(select);
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("select", e.getMessage()));
            }
        }
        return violations;
    }

    /** How many variants each attempt of {@code step} asks for. */
    static int width(Session session, StepState step) {
        return step.variants() != null ? step.variants() : session.policy().variantCount();
    }

    /**
     * How variant {@code variant} of attempt {@code attempt} samples, with the step's approach hint for it
     * ({@code approaches}, {@link Approaches#forVariant}); null for an attempt of one variant, whose request stays as
     * it was before variants (and approaches) existed.
     */
    Sampling sampling(int attempt, int variant, int width, List<String> approaches) {
        if (width <= 1) {
            return null;
        }
        return new Sampling(temperatures.get(variant % temperatures.size()),
                (long) (attempt - 1) * MAX_VARIANTS + variant, Approaches.forVariant(approaches, variant));
    }
}
