package dev.ratchet.planner.session.api;

import java.time.Instant;

/** One session in the sessions list. */
public record SessionSummary(String id, String status, String repo, String goal, Instant createdAt, long verifiedSteps,
        int steps) {
}
