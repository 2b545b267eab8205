package dev.ratchet.planner.session.api;

/**
 * The {@code budget} of {@code POST /api/v1/sessions}: model tokens of every role (in and out) and wall-clock seconds
 * from creation; either left out takes its default ({@code ratchet.limits.budget.*}). Crossing either cancels the
 * session with the reason.
 */
public record BudgetRequest(Long tokens, Long wallClockSeconds) {
}
