package dev.ratchet.planner.session.api;

import java.time.Instant;

import dev.ratchet.core.event.Usage;

/** One session in the sessions list; {@code usage} is its model tokens so far (the console's board shows them). */
public record SessionSummary(String id, String status, String repo, String goal, Instant createdAt, long verifiedSteps,
        int steps, Usage usage) {
}
