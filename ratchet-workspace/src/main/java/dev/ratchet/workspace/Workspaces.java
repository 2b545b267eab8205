package dev.ratchet.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.ratchet.core.session.RepoLocation;

/**
 * The clones one service instance works in, under its own work directory: one or more per session (one per step
 * in flight), reused across the session's steps.
 */
public final class Workspaces {

    private final Path root;
    private final Map<String, List<Workspace>> bySession = new ConcurrentHashMap<>();

    public Workspaces(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * A workspace at the state "base commit plus these accepted patches", leased to the caller until closed.
     *
     * @throws GitException when the repository cannot be cloned or a patch of the chain does not apply
     */
    public Workspace lease(String sessionId, String repo, String baseCommit, List<String> patches) {
        Workspace workspace = acquire(sessionId, repo);
        try {
            workspace.materialise(baseCommit, patches);
            return workspace;
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
    }

    /** Deletes the session's clones (after the session ended). */
    public void release(String sessionId) {
        List<Workspace> list = bySession.remove(sessionId);
        if (list != null) {
            deleteTree(root.resolve(safe(sessionId)));
        }
    }

    private Workspace acquire(String sessionId, String repo) {
        List<Workspace> list = bySession.computeIfAbsent(sessionId, id -> new ArrayList<>());
        synchronized (list) {
            for (Workspace workspace : list) {
                if (workspace.tryLease()) {
                    return workspace;
                }
            }
            Path dir = root.resolve(safe(sessionId)).resolve(Integer.toString(list.size()));
            Workspace workspace = new Workspace(cloneInto(repo, dir));
            workspace.tryLease();
            list.add(workspace);
            return workspace;
        }
    }

    private static Path cloneInto(String repo, Path dir) {
        Path source = RepoLocation.parse(repo).orElseThrow(() -> new GitException("not a local repository: " + repo));
        try {
            deleteTree(dir);
            Files.createDirectories(dir.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
        Git.run(dir.getParent(), "clone", "-q", "--no-checkout", source.toString(), dir.getFileName().toString());
        return dir;
    }

    private static String safe(String sessionId) {
        return sessionId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
