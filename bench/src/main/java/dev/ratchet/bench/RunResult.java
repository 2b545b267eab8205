package dev.ratchet.bench;

/** One run of S sessions: wall time from the first submission to the last session's end, and what it did. */
public record RunResult(long wallMillis, int sessions, int completed, int verifiedSteps, long tokensOut) {

    public double stepsPerSecond() {
        return verifiedSteps * 1000.0 / Math.max(1, wallMillis);
    }
}
