package dev.ratchet.workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The git command line, with settings that make it safe to run on someone else's repository: no hooks, no
 * signing, no pager, no background gc, a fixed identity for Ratchet's own commits.
 */
public final class Git {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /**
     * Most output kept from one git command (a diff, a file listing). More is refused, never cut: a truncated diff
     * would be a different patch. Patches are limited far below this (1 MiB by default).
     */
    static final int MAX_OUTPUT = 16 * 1024 * 1024;
    private static final List<String> SAFE = List.of("git", "-c", "core.hooksPath=/dev/null", "-c",
            "commit.gpgsign=false", "-c", "gc.auto=0", "-c", "core.pager=cat", "-c", "user.name=Ratchet", "-c",
            "user.email=ratchet@localhost", "-c", "advice.detachedHead=false");

    private Git() {
    }

    public static String run(Path dir, String... args) {
        return runWithInput(dir, null, args);
    }

    /** @throws OutputTooLargeException when git printed more than {@link #MAX_OUTPUT} bytes */
    public static String runWithInput(Path dir, String stdin, String... args) {
        ProcessRunner.Result result = tryRun(dir, stdin, args);
        if (result.truncated()) {
            throw new OutputTooLargeException("git " + String.join(" ", args) + " printed more than "
                    + MAX_OUTPUT / (1024 * 1024) + " MiB in " + dir);
        }
        if (!result.ok()) {
            throw new GitException("git " + String.join(" ", args) + " failed in " + dir + " (exit "
                    + result.exitCode() + "): " + result.output().strip());
        }
        return result.output();
    }

    public static ProcessRunner.Result tryRun(Path dir, String stdin, String... args) {
        List<String> command = new ArrayList<>(SAFE);
        command.addAll(Arrays.asList(args));
        return ProcessRunner.run(command, dir, TIMEOUT, stdin, MAX_OUTPUT);
    }

    /** True when {@code dir} is the top of a git work tree with at least one commit. */
    public static boolean isRepository(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        ProcessRunner.Result top = tryRun(dir, null, "rev-parse", "--show-toplevel");
        if (!top.ok()) {
            return false;
        }
        return realPath(Path.of(top.output().strip())).equals(realPath(dir))
                && tryRun(dir, null, "rev-parse", "--verify", "-q", "HEAD^{commit}").ok();
    }

    public static String headCommit(Path repo) {
        return run(repo, "rev-parse", "HEAD^{commit}").strip();
    }

    public static List<String> listFiles(Path repo, String commit) {
        String out = run(repo, "ls-tree", "-r", "--name-only", "-z", commit);
        return out.isEmpty() ? List.of() : List.of(out.split("\0"));
    }

    /** A file's content at a commit, if it exists there. */
    public static Optional<String> show(Path repo, String commit, String path) {
        ProcessRunner.Result result = tryRun(repo, null, "show", commit + ":" + path);
        return result.ok() ? Optional.of(result.output()) : Optional.empty();
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (java.io.IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }
}
