package dev.ratchet.workspace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;

/** Runs one check with {@code sh -c} in a workspace, bounded by the check's timeout. */
public final class CheckRunner {

    private final int outputTailBytes;

    public CheckRunner(int outputTailBytes) {
        this.outputTailBytes = outputTailBytes;
    }

    public CheckResult run(Check check, Path dir) {
        ProcessRunner.Result result = ProcessRunner.run(List.of("sh", "-c", check.command()), dir,
                Duration.ofSeconds(check.timeoutSeconds()), null, outputTailBytes);
        return new CheckResult(check.name(), check.command(), result.exitCode(), result.ok(), result.timedOut(),
                result.durationMs(), result.output());
    }
}
