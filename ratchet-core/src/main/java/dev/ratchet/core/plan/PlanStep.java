package dev.ratchet.core.plan;

/** One bounded step of a plan: small enough for a fast executor model to do in one patch. */
public record PlanStep(String id, String title, String instructions) {
}
