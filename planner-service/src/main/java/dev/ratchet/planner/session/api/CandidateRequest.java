package dev.ratchet.planner.session.api;

/**
 * Body of {@code POST /api/v1/sessions/{id}/steps/{stepId}/candidates}: who wrote the patch (recorded as
 * {@code person:<author>}) and the patch, as an apply_patch envelope, a unified diff or SEARCH/REPLACE blocks.
 */
public record CandidateRequest(String author, String patch) {
}
