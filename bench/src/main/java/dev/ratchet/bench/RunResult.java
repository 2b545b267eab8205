package dev.ratchet.bench;

import java.util.List;

/**
 * One run of S sessions: wall time from the first submission to the last session's end, and what it did.
 *
 * @param sessionIds the cluster's sessions, to read their attempts' timings afterwards; empty for the baseline
 */
public record RunResult(long wallMillis, int sessions, int completed, int verifiedSteps, long tokensOut,
        List<String> sessionIds) {

    public RunResult {
        sessionIds = List.copyOf(sessionIds);
    }

    /** A run of the in-process baseline, which has no sessions to read back. */
    public RunResult(long wallMillis, int sessions, int completed, int verifiedSteps, long tokensOut) {
        this(wallMillis, sessions, completed, verifiedSteps, tokensOut, List.of());
    }

    public double stepsPerSecond() {
        return verifiedSteps * 1000.0 / Math.max(1, wallMillis);
    }
}
