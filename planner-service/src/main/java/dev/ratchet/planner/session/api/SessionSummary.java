package dev.ratchet.planner.session.api;

import java.time.Instant;

public record SessionSummary(String id, String status, String goal, Instant createdAt, long verifiedSteps,
        int steps) {
}
