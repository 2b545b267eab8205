package dev.ratchet.core.session;

/**
 * Per-hop time of one attempt: waiting for an executor, in the model, executing in all, waiting for a verifier,
 * verifying, and request-to-verdict.
 */
public record AttemptTimings(long queueWaitMs, long modelMs, long executeMs, long verifyWaitMs, long verifyMs,
        long totalMs) {
}
