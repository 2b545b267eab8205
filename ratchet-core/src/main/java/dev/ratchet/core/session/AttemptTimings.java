package dev.ratchet.core.session;

/**
 * Per-hop time of one attempt: waiting for an executor, in the model, executing in all, waiting for a verifier,
 * verifying, and request-to-verdict; then what the checks took (run, not cached) and orchestration, the rest of
 * request-to-verdict: what Ratchet itself added (Kafka hops, queues, leases, clones, patching, Redis).
 */
public record AttemptTimings(long queueWaitMs, long modelMs, long executeMs, long verifyWaitMs, long verifyMs,
        long totalMs, long checksMs, long orchestrationMs) {

    /** The hops alone; orchestration is {@code total - model} (no check ran). */
    public AttemptTimings(long queueWaitMs, long modelMs, long executeMs, long verifyWaitMs, long verifyMs,
            long totalMs) {
        this(queueWaitMs, modelMs, executeMs, verifyWaitMs, verifyMs, totalMs, 0,
                orchestration(totalMs, modelMs, 0));
    }

    /**
     * Step wall time minus model time minus check time, never below 0 (the executor's and verifier's clocks may
     * differ from the planner's by a few ms); 0 for an attempt not decided yet.
     */
    public static long orchestration(long totalMs, long modelMs, long checksMs) {
        return totalMs <= 0 ? 0 : Math.max(0, totalMs - modelMs - checksMs);
    }
}
