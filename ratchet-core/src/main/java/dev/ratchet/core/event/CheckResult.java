package dev.ratchet.core.event;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one check did on one attempt. {@code outputTail} is the end of stdout+stderr, bounded in size
 * ({@code ratchet.verifier.output-tail-bytes}), so that a verdict with twenty checks stays far under the event
 * limit; the whole captured output (head and tail, up to 64 KiB) is a blob, {@code output}.
 *
 * @param isolation how the check was sandboxed ({@code bubblewrap}, {@code unshare}, {@code none}); null when it
 *        did not run (skipped) or for results older than the sandbox
 * @param output the captured output as a blob of the session; null when there is none
 * @param cached true when the result was not run again but taken from the verification cache: the same tree, the
 *        same command and the same check environment were checked before
 * @param skipped why the check did not run (a browser check on a verifier without Chromium); null when it ran. A
 *        skipped check is not passed ({@code passed} is false) and does not fail the step
 * @param screenshots a browser check's screenshots, one per page it loaded
 * @param lintFindings the lint findings in the check's whole captured output (core {@code LintFindings}: lines
 *        {@code path:line[:col]: message}), counted on the review and fast stages' command checks only; null for any
 *        other check, and in results older than the count. A tie-break of variant selection
 */
public record CheckResult(String name, String command, int exitCode, boolean passed, boolean timedOut, long durationMs,
        String outputTail, String isolation, BlobRef output, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean cached,
        String skipped, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Screenshot> screenshots,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer lintFindings) {

    @JsonCreator
    public CheckResult {
        screenshots = screenshots == null ? List.of() : List.copyOf(screenshots);
    }

    /** A result whose lint findings were not counted (not a lint check). */
    public CheckResult(String name, String command, int exitCode, boolean passed, boolean timedOut, long durationMs,
            String outputTail, String isolation, BlobRef output, boolean cached, String skipped,
            List<Screenshot> screenshots) {
        this(name, command, exitCode, passed, timedOut, durationMs, outputTail, isolation, output, cached, skipped,
                screenshots, null);
    }

    /** A result of a check run without the sandbox's extras (no isolation, blob or screenshots recorded). */
    public CheckResult(String name, String command, int exitCode, boolean passed, boolean timedOut, long durationMs,
            String outputTail) {
        this(name, command, exitCode, passed, timedOut, durationMs, outputTail, null, null, false, null, List.of());
    }

    /** A check that did not run, with the reason. */
    public static CheckResult skipped(Check check, String reason) {
        return new CheckResult(check.name(), check.command(), -1, false, false, 0, reason, null, null, false, reason,
                List.of());
    }

    /** Whether this result fails the step: a check that ran and did not pass. */
    public boolean failed() {
        return !passed && skipped == null;
    }

    /** The same result taken from the cache: marked so, with its output and screenshots stored for this session. */
    public CheckResult fromCache(BlobRef storedOutput, List<Screenshot> storedScreenshots) {
        return new CheckResult(name, command, exitCode, passed, timedOut, durationMs, outputTail, isolation,
                storedOutput, true, skipped, storedScreenshots, lintFindings);
    }

    /** The same result with its lint findings counted. */
    public CheckResult withLintFindings(Integer findings) {
        return new CheckResult(name, command, exitCode, passed, timedOut, durationMs, outputTail, isolation, output,
                cached, skipped, screenshots, findings);
    }

    /** A page a browser check loaded and the PNG screenshot taken of it (a blob of base64 text). */
    public record Screenshot(String path, BlobRef image) {
    }
}
