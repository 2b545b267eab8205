package dev.ratchet.workspace;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ratchet.core.patch.DiskRepo;
import dev.ratchet.core.patch.PathEntry;

/**
 * A private git clone materialised at one state of a session. Leased from {@link Workspaces}; closing it returns it
 * for the next step of the same session, which then only applies the patches accepted since.
 */
public final class Workspace implements AutoCloseable {

    private final Path dir;
    private final PatchChainCache cache;
    private final AtomicBoolean leased = new AtomicBoolean();

    Workspace(Path dir) {
        this.dir = dir;
        this.cache = new PatchChainCache(dir);
    }

    /**
     * The clone's directory, to read and to copy (checks run on copies). Write through {@link #tree()}: a write it
     * does not see would leave a staged patch trusted that no longer describes the working tree.
     */
    public Path dir() {
        return dir;
    }

    boolean isLeased() {
        return leased.get();
    }

    boolean tryLease() {
        return leased.compareAndSet(false, true);
    }

    /** Returns the workspace for the session's next step; the clone and its cached states stay. */
    @Override
    public void close() {
        leased.set(false);
    }

    void materialise(String baseCommit, List<String> patches) {
        cache.checkout(baseCommit, patches);
    }

    /** Files tracked at the current state, in git's order. */
    public List<String> trackedFiles() {
        String out = Git.run(dir, "ls-files", "-z");
        return out.isEmpty() ? List.of() : List.of(out.split("\0"));
    }

    /**
     * Every file of the working tree now, tracked or new (not ignored), in git's order: what the step's model may
     * list and search. Deleted files are left out.
     */
    public List<String> files() {
        String out = Git.run(dir, "ls-files", "-z", "--cached", "--others", "--exclude-standard");
        if (out.isEmpty()) {
            return List.of();
        }
        DiskRepo repo = new DiskRepo(dir);
        Set<String> files = new LinkedHashSet<>();
        for (String path : out.split("\0")) {
            if (repo.lstat(path).kind() != PathEntry.Kind.MISSING) {
                files.add(path);
            }
        }
        return List.copyOf(files);
    }

    /**
     * @throws dev.ratchet.core.patch.PatchApplyException for a binary file or one over {@link DiskRepo}'s limit
     */
    public Optional<String> read(String path) {
        return new DiskRepo(dir).read(path);
    }

    /**
     * The working tree as a {@link DiskRepo}: confined to the workspace directory, and never following a symlink,
     * for reading or for writing (a tracked {@code link -> /somewhere} cannot take a patch outside).
     */
    public DiskRepo tree() {
        cache.touched();
        return new DiskRepo(dir);
    }

    /** Everything changed in the working tree since the materialised state, as a unified diff git can apply. */
    public String diff() {
        cache.touched();
        Git.run(dir, "add", "-A");
        String diff = Git.run(dir, "diff", "--cached", "--binary", "HEAD");
        cache.diffed(diff);
        return diff;
    }

    public void apply(String patch) {
        Optional<String> misfit = tryApply(patch);
        if (misfit.isPresent()) {
            throw new GitException("git apply --index failed in " + dir + ": " + misfit.get());
        }
    }

    /**
     * Applies {@code patch} to the index and the working tree, or says why it does not apply and changes nothing
     * ({@code git apply} checks every hunk before it writes): one git process, where a separate {@code --check}
     * would be two.
     */
    public Optional<String> tryApply(String patch) {
        ProcessRunner.Result result = Git.tryRun(dir, patch, "apply", "--index", "--whitespace=nowarn", "-");
        if (!result.ok()) {
            cache.touched();
            return Optional.of(result.output().strip());
        }
        cache.applied(patch);
        return Optional.empty();
    }

    /** Every path the index changes against the materialised state (a rename as its two paths), in git's order. */
    public List<String> changedPaths() {
        String out = Git.run(dir, "diff", "--cached", "--name-only", "--no-renames", "-z", "HEAD");
        return out.isEmpty() ? List.of() : List.of(out.split("\0"));
    }

    /**
     * Back to the materialised state: the index and working tree as the step's starting commit has them. A patch
     * staged before is gone, so the next lease must not commit the index as if it held it.
     */
    public void reset() {
        cache.touched();
        Git.run(dir, "reset", "-q", "--hard", "HEAD");
        Git.run(dir, "clean", "-q", "-f", "-d", "-x");
    }

    /** The id of the tree the index holds ({@code git write-tree}): what the checks judge, content and modes. */
    public String writeTree() {
        return Git.run(dir, "write-tree").strip();
    }
}
