package dev.ratchet.workspace.sandbox;

import java.util.Map;

import dev.ratchet.core.event.CheckResult;

/**
 * What one sandboxed check did.
 *
 * @param exitCode the check's exit status; -1 when it was killed at its timeout
 * @param durationMs wall time of the check itself, from start to the end of its last process
 * @param copyMs time spent copying the workspace before the check started
 * @param output head and tail of stdout and stderr together, with a marker line for what was left out
 * @param outputBytes every byte the check wrote, kept or not
 * @param isolation the isolation the check had
 * @param isolationNote why no stronger isolation was used, and what it lacks (empty for bubblewrap as intended)
 * @param collected the files the check left in {@link CheckExtras#collect()}, by name (empty without it)
 */
public record SandboxResult(String name, String command, int exitCode, boolean timedOut, long durationMs,
        long copyMs, String output, long outputBytes, Isolation isolation, String isolationNote,
        Map<String, byte[]> collected) {

    public SandboxResult {
        collected = Map.copyOf(collected);
    }

    public boolean passed() {
        return exitCode == 0 && !timedOut;
    }

    /** The result as the step events carry it today. */
    public CheckResult toCheckResult() {
        return new CheckResult(name, command, exitCode, passed(), timedOut, durationMs, output);
    }
}
