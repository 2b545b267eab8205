package dev.ratchet.planner.hooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.ProblemMappers;
import dev.ratchet.workspace.Git;
import dev.ratchet.workspace.ProcessRunner;

/**
 * Clones that Ratchet keeps itself, for a repository mapped with a clone URL ({@code .clone-url} beside
 * {@code .path}): cloned into the path on the first event that needs it, and the commit an event names fetched
 * into it before the session starts (a pull request's {@code refs/pull/<n>/head} as that ref); an event naming no
 * commit gets the remote's default branch as fetched now. A repository mapped with a path alone is used as it is,
 * as before: whoever keeps it fetches into it. Every git command is bounded by {@link Git}'s timeout (2 minutes).
 */
@ApplicationScoped
public class HookClones {

    private static final Logger LOG = Logger.getLogger(HookClones.class);
    /**
     * What a revision from an event may look like before it reaches a git command line: a SHA or a ref name, never
     * an option ({@code --upload-pack=...}).
     */
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._/-]{0,199}");

    /** One fetch at a time into each clone (in this process; git's own lock files guard across replicas). */
    private final Map<Path, Object> locks = new ConcurrentHashMap<>();

    /**
     * Makes {@code path} hold {@code revision} (or the default branch's head when null) when the repository is
     * mapped with a clone URL; nothing otherwise.
     *
     * @throws ProblemException 422 naming {@code revision} when it cannot be a commit or ref, 502 when the clone or
     *         the fetch fails (the reason from git)
     */
    public void prepare(String path, Optional<String> cloneUrl, String revision) {
        if (cloneUrl.isEmpty()) {
            return;
        }
        if (revision != null && !REVISION.matcher(revision).matches()) {
            throw ProblemException.unprocessable("Unknown revision", "revision: not a commit or ref name",
                    List.of(new FieldViolation("revision", "must be a commit SHA or a ref name")));
        }
        Path clone = Path.of(path).toAbsolutePath().normalize();
        synchronized (locks.computeIfAbsent(clone, p -> new Object())) {
            if (!Git.isRepository(clone)) {
                cloneInto(clone, cloneUrl.get());
            }
            if (revision == null) {
                git(clone, cloneUrl.get(), "fetch", "--quiet", "origin");
                git(clone, cloneUrl.get(), "checkout", "--quiet", "--detach", "origin/HEAD");
            } else if (!has(clone, revision)) {
                // A ref is fetched as itself (refs/pull/7/head stays refs/pull/7/head), a SHA as what it names.
                git(clone, cloneUrl.get(), "fetch", "--quiet", "origin", revision.startsWith("refs/")
                        ? "+" + revision + ":" + revision : revision);
            }
        }
    }

    private static boolean has(Path clone, String revision) {
        return Git.tryRun(clone, null, "rev-parse", "--verify", "--quiet", revision + "^{commit}").ok();
    }

    private static void cloneInto(Path clone, String url) {
        try {
            Files.createDirectories(clone.getParent());
        } catch (IOException e) {
            throw unreachable(url, "cannot create " + clone.getParent() + ": " + e.getMessage());
        }
        LOG.infof("cloning %s into %s for the hooks", url, clone);
        git(clone.getParent(), url, "clone", "--quiet", "--", url, clone.toString());
    }

    private static void git(Path dir, String url, String... args) {
        ProcessRunner.Result result = Git.tryRun(dir, null, args);
        if (!result.ok()) {
            throw unreachable(url, "git " + args[0] + " failed (exit " + result.exitCode() + "): "
                    + result.output().strip());
        }
    }

    private static ProblemException unreachable(String url, String why) {
        return new ProblemException(502, ProblemMappers.TYPE_UNAVAILABLE, "Repository unavailable",
                "the clone of " + url + " could not be brought up to date: " + why, List.of());
    }
}
