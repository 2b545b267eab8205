package dev.ratchet.core.event;

/**
 * How the model samples one variant of a step fanned out to several ({@code temperature} and {@code seed}, passed
 * to the model as OpenAI's parameters of the same names). Absent from a step with one variant, whose request stays
 * as it was before variants existed.
 */
public record Sampling(double temperature, long seed) {
}
