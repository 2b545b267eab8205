package dev.ratchet.core.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the model samples one variant of a step fanned out to several ({@code temperature} and {@code seed}, passed
 * to the model as OpenAI's parameters of the same names). Absent from a step with one variant, whose request stays
 * as it was before variants existed.
 *
 * @param approach the plan step's approach hint for this variant (core {@code Approaches}), which the executor puts
 *        into the step's prompt as text only; null when the step has none for this variant, and left out of the JSON
 */
public record Sampling(double temperature, long seed, @JsonInclude(JsonInclude.Include.NON_NULL) String approach) {

    /** A variant without an approach hint. */
    public Sampling(double temperature, long seed) {
        this(temperature, seed, null);
    }
}
