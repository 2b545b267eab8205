package dev.ratchet.core.event;

import java.time.Instant;

/**
 * How an executor carried out one attempt: when the request was produced, when the executor picked it up and
 * finished, which model answered and what it cost. Carried forward on verdicts so the planner can report timings
 * without reading the executed topic.
 *
 * @param context the attempt's context use (peak tokens, % of the window, turns); null when the executor did not
 *        get as far as a model call, and in events written before it existed
 */
public record Execution(String executor, String model, Instant requestedAt, Instant startedAt, Instant finishedAt,
        Usage usage, ContextUse context) {

    /** Without context use, as written before it was recorded. */
    public Execution(String executor, String model, Instant requestedAt, Instant startedAt, Instant finishedAt,
            Usage usage) {
        this(executor, model, requestedAt, startedAt, finishedAt, usage, null);
    }
}
