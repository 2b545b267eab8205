package dev.ratchet.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.ratchet.core.session.ResultBranchName;

/**
 * A session's result as a git branch {@code ratchet/<session id>} in the target repository: one commit per verified
 * step on the base commit (author Ratchet, the step's title and check summary, trailers {@code Ratchet-Session},
 * {@code Ratchet-Step}, {@code Ratchet-Variant}), the session's four files under {@code .ratchet/} in the last one.
 * The commits are made in a scratch clone and fetched into the target as that one ref, so the target's current
 * branch, index and working tree are never touched, and none of its hooks run.
 */
public final class ResultBranch {

    /** The branch prefix; the session id follows. */
    public static final String PREFIX = ResultBranchName.PREFIX;
    /** Where the four files go: never over the repository's own AGENTS.md or VERIFY.md. */
    public static final String FILES_DIR = ".ratchet";

    /** One verified step: what its commit says and the patch it applies. */
    public record StepCommit(String stepId, int variant, String title, String summary, String patch) {
    }

    private ResultBranch() {
    }

    public static String name(String sessionId) {
        return PREFIX + sessionId;
    }

    /** The branch's tip, if the repository has it. */
    public static Optional<String> tip(Path repo, String sessionId) {
        ProcessRunner.Result r = Git.tryRun(repo, null, "rev-parse", "--verify", "-q",
                "refs/heads/" + name(sessionId) + "^{commit}");
        return r.ok() ? Optional.of(r.output().strip()) : Optional.empty();
    }

    /**
     * Writes the branch unless it exists (a second call changes nothing).
     *
     * @param files the four files by name, written into the last commit
     * @param scratch where the scratch clone is made (and removed)
     * @return the branch's tip
     * @throws GitException when a patch does not apply to the state before it
     */
    public static String write(Path repo, String sessionId, String baseCommit, List<StepCommit> steps,
            Map<String, String> files, Path scratch) {
        Optional<String> existing = tip(repo, sessionId);
        if (existing.isPresent()) {
            return existing.get();
        }
        Path clone;
        try {
            Files.createDirectories(scratch);
            clone = Files.createTempDirectory(scratch, "result-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Git.run(scratch, "clone", "--quiet", "--no-checkout", repo.toString(), clone.toString());
            Git.run(clone, "checkout", "--quiet", "--detach", baseCommit);
            for (int i = 0; i < steps.size(); i++) {
                StepCommit step = steps.get(i);
                if (!step.patch().isBlank()) {
                    Git.runWithInput(clone, step.patch(), "apply", "--index", "--whitespace=nowarn", "-");
                }
                if (i == steps.size() - 1) {
                    addFiles(clone, files);
                }
                Git.run(clone, "commit", "--quiet", "--allow-empty", "-m", message(sessionId, step));
            }
            String tip = Git.run(clone, "rev-parse", "HEAD").strip();
            Git.run(repo, "fetch", "--quiet", "--no-tags", clone.toString(), tip + ":refs/heads/" + name(sessionId));
            return tip;
        } finally {
            delete(clone);
        }
    }

    static String message(String sessionId, StepCommit step) {
        return step.title() + (step.summary().isBlank() ? "" : "\n\n" + step.summary()) + "\n\nRatchet-Session: "
                + sessionId + "\nRatchet-Step: " + step.stepId() + "\nRatchet-Variant: " + step.variant() + "\n";
    }

    private static void addFiles(Path clone, Map<String, String> files) {
        try {
            Path dir = clone.resolve(FILES_DIR);
            Files.createDirectories(dir);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
                Git.run(clone, "add", "--", FILES_DIR + "/" + f.getKey());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The branch as a {@code git format-patch} series (mbox): every commit, or the one of {@code stepId}.
     *
     * @return empty when the branch or the step's commit does not exist
     */
    public static Optional<String> series(Path repo, String sessionId, String baseCommit, String stepId) {
        Optional<String> tip = tip(repo, sessionId);
        if (tip.isEmpty()) {
            return Optional.empty();
        }
        if (stepId == null) {
            return Optional.of(Git.run(repo, "format-patch", "--stdout", "--no-signature", baseCommit + ".."
                    + tip.get()));
        }
        return Git.run(repo, "rev-list", baseCommit + ".." + tip.get()).lines().filter(c -> trailer(repo, c).equals(stepId)).findFirst()
                .map(c -> Git.run(repo, "format-patch", "--stdout", "--no-signature", "-1", c));
    }

    private static String trailer(Path repo, String commit) {
        return Git.run(repo, "log", "-1", "--format=%(trailers:key=Ratchet-Step,valueonly)", commit).strip();
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a scratch clone left behind is removed with the scratch folder; the branch is what counts
        }
    }
}
