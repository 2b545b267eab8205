package dev.ratchet.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.ratchet.core.session.RepoLocation;

/**
 * The clones one service instance works in, under its own work directory: one or more per session (one per step
 * in flight), reused across the session's steps.
 */
public final class Workspaces {

    private final Path root;
    private final Duration idleEviction;
    private final Map<String, List<Workspace>> bySession = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();

    /**
     * @param idleEviction a session's clones are deleted when none was leased for this long (executors and
     *        verifiers never hear that a session ended; a later step of it just clones again)
     */
    public Workspaces(Path root, Duration idleEviction) {
        this.root = root.toAbsolutePath().normalize();
        this.idleEviction = idleEviction;
    }

    /**
     * Deletes every clone under this instance's directory: at start-up nothing is leased, so whatever is there was
     * left by an earlier life of this instance (killed, or restarted) and would otherwise never be removed.
     */
    public void removeStale() {
        deleteTree(root);
    }

    /** Deletes the clones of sessions unused for the idle time; runs on a timer as well as on every lease. */
    public void evictIdle() {
        evictIdle(Instant.now());
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
        Instant now = Instant.now();
        lastUsed.put(sessionId, now);
        evictIdle(now);
        Workspace workspace = acquire(sessionId, repo);
        try {
            workspace.materialise(baseCommit, patches);
            return workspace;
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
    }

    /** Sessions that currently have clones. */
    public Set<String> sessions() {
        return Set.copyOf(bySession.keySet());
    }

    private void evictIdle(Instant now) {
        for (Map.Entry<String, Instant> entry : lastUsed.entrySet()) {
            if (Duration.between(entry.getValue(), now).compareTo(idleEviction) > 0) {
                evict(entry.getKey());
            }
        }
    }

    private void evict(String sessionId) {
        List<Workspace> list = bySession.get(sessionId);
        if (list == null) {
            lastUsed.remove(sessionId);
            return;
        }
        synchronized (list) {
            if (list.stream().anyMatch(Workspace::isLeased)) {
                return;
            }
            bySession.remove(sessionId);
            lastUsed.remove(sessionId);
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
