package dev.ratchet.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.ratchet.workspace.Git;
import dev.ratchet.workspace.ProcessRunner;

/**
 * Ratchet's claim about a session, checked from the outside: its base commit plus its accepted patches, applied in
 * order in a fresh clone of the target repository, is a tree whose check passes.
 */
public final class VerifiedState {

    /** The check runs for seconds; a minute covers a loaded machine. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_OUTPUT_BYTES = 8192;

    /**
     * What the replay found.
     *
     * @param applied patches that applied, in order
     * @param applyFailure why the next patch did not apply, if one did not
     * @param check the check's run on the result; empty when a patch did not apply
     */
    public record Replay(int applied, Optional<String> applyFailure, Optional<ProcessRunner.Result> check) {

        public boolean passed() {
            return applyFailure.isEmpty() && check.map(ProcessRunner.Result::ok).orElse(false);
        }

        public String describe() {
            if (applyFailure.isPresent()) {
                return "patch " + (applied + 1) + " does not apply: " + applyFailure.get().strip();
            }
            ProcessRunner.Result c = check.orElseThrow();
            return c.ok() ? applied + " patches applied, check passed"
                    : applied + " patches applied, check failed (exit " + c.exitCode() + (c.timedOut() ? ", timed out"
                            : "") + "): " + c.output().strip();
        }
    }

    private VerifiedState() {
    }

    /**
     * Clones {@code repo} into {@code into} (absent or empty), checks out {@code baseCommit}, applies
     * {@code patches} (unified diffs) one after another with {@code git apply --index}, then runs
     * {@code checkCommand} with {@code sh -c}.
     */
    public static Replay replay(Path repo, String baseCommit, List<String> patches, String checkCommand, Path into) {
        try {
            Files.createDirectories(into.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + into.getParent(), e);
        }
        Git.run(into.getParent(), "clone", "-q", repo.toString(), into.getFileName().toString());
        Git.run(into, "checkout", "-q", baseCommit);
        for (int i = 0; i < patches.size(); i++) {
            ProcessRunner.Result apply = Git.tryRun(into, patches.get(i), "apply", "--index", "-");
            if (!apply.ok()) {
                return new Replay(i, Optional.of(apply.output()), Optional.empty());
            }
        }
        return new Replay(patches.size(), Optional.empty(), Optional.of(ProcessRunner.run(List.of("sh", "-c",
                checkCommand), into, CHECK_TIMEOUT, null, MAX_OUTPUT_BYTES)));
    }
}
