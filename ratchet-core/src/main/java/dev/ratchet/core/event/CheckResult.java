package dev.ratchet.core.event;

/** What one check did on one attempt. {@code outputTail} is the end of stdout+stderr, bounded in size. */
public record CheckResult(String name, String command, int exitCode, boolean passed, boolean timedOut, long durationMs,
        String outputTail) {
}
