package dev.ratchet.simulator;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * When each pseudo-token of an answer is due: token i at start + ttft + i / tokensPerSecond.
 * Deadlines are absolute so that time spent writing does not slow the rate down.
 */
record Pace(long startNanos, long timeToFirstTokenNanos, double tokensPerSecond) {

    static Pace startingAt(long startNanos, Duration timeToFirstToken, double tokensPerSecond) {
        return new Pace(startNanos, timeToFirstToken.toNanos(), tokensPerSecond);
    }

    long dueNanos(int tokenIndex) {
        return startNanos + timeToFirstTokenNanos + (long) (tokenIndex * 1e9 / tokensPerSecond);
    }

    /** Parks until the deadline; an interrupt (the server closing) aborts the answer. */
    static void parkUntil(long deadlineNanos) throws InterruptedIOException {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.interrupted()) {
                throw new InterruptedIOException("simulated model server is closing");
            }
        }
    }
}
