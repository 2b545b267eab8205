package dev.ratchet.workspace.step;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import dev.ratchet.core.event.Check;
import dev.ratchet.models.Tool;
import dev.ratchet.workspace.sandbox.SandboxResult;

/**
 * {@code run_check}: one of the checks the session declares, by name, run in the check sandbox on a copy of the
 * workspace as it is now (the verifier runs the same checks the same way on the final patch). The model cannot name a
 * command, only a declared check; a check's timeout is cut to what is left of the attempt's time, and its output is
 * the sandbox's capped head and tail.
 */
final class RunCheckTool implements StepTool {

    static final String NAME = "run_check";

    private final List<Check> checks;
    private final Path workspace;
    private final BiFunction<Check, Path, SandboxResult> sandbox;
    private final Instant deadline;

    /** @param sandbox runs a check on a copy of a directory ({@code SandboxRunner::run}) */
    RunCheckTool(List<Check> checks, Path workspace, BiFunction<Check, Path, SandboxResult> sandbox,
            Instant deadline) {
        this.checks = List.copyOf(checks);
        this.workspace = workspace;
        this.sandbox = sandbox;
        this.deadline = deadline;
    }

    @Override
    public Tool definition() {
        String names = checks.stream().map(Check::name).collect(Collectors.joining(", "));
        return new Tool(NAME, "Run one of the session's checks on the repository as it is now, sandboxed, and see "
                + "its exit status and output. The checks: " + (names.isEmpty() ? "none" : names) + ".", """
                {"type": "object",
                 "properties": {"name": {"type": "string", "description": "the name of a declared check"}},
                 "required": ["name"],
                 "additionalProperties": false}""");
    }

    @Override
    public String call(ToolArguments arguments) throws ToolFailure {
        String name = arguments.required("name");
        Optional<Check> declared = checks.stream().filter(c -> c.name().equals(name)).findFirst();
        if (declared.isEmpty()) {
            throw new ToolFailure("no check named '" + name + "': the session declares "
                    + (checks.isEmpty() ? "none" : checks.stream().map(c -> "'" + c.name() + "'")
                            .collect(Collectors.joining(", ")))
                    + "; only a declared check can run");
        }
        Check check = declared.get();
        if (check.browser() != null) {
            throw new ToolFailure("'" + name + "' is a browser check; the verifier runs it, run_check does not");
        }
        long left = Duration.between(Instant.now(), deadline).toSeconds();
        if (left < 1) {
            throw new ToolFailure("no time is left in this attempt to run a check");
        }
        int timeout = (int) Math.min(check.timeoutSeconds(), left);
        SandboxResult result = sandbox.apply(new Check(check.name(), check.command(), timeout, check.stage(),
                check.when(), null), workspace);
        String outcome = result.timedOut() ? "timed out after " + timeout + " s"
                : result.passed() ? "passed" : "failed (exit " + result.exitCode() + ")";
        return String.format(Locale.ROOT, "check %s (`%s`) %s in %d ms, isolation %s%n%s", check.name(),
                check.command(), outcome, result.durationMs(), result.isolation().label(),
                result.output());
    }
}
