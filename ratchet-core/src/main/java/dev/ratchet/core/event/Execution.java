package dev.ratchet.core.event;

import java.time.Instant;

/**
 * How an executor carried out one attempt: when the request was produced, when the executor picked it up and
 * finished, which model answered and what it cost. Carried forward on verdicts so the planner can report timings
 * without reading the executed topic.
 */
public record Execution(String executor, String model, Instant requestedAt, Instant startedAt, Instant finishedAt,
        Usage usage) {
}
