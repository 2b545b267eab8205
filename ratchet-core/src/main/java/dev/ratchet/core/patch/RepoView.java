package dev.ratchet.core.patch;

/**
 * What the repository holds at each path, seen without ever following a symlink: the guardrails ask it which
 * existing paths are symlinks and where they point, and the applier asks it what is a file and what a directory.
 * {@link DiskRepo} is the view of a directory on disk; tests give an in-memory one.
 */
public interface RepoView {

    /**
     * What is at {@code path} itself (a normalised relative path), not following a symlink there. Only called for
     * paths whose every ancestor is a plain directory, so an implementation may let the system resolve them.
     */
    PathEntry lstat(String path);

    /**
     * What is at {@code path}, walking from the repository root: when an ancestor is not a plain directory (a
     * symlink, a file, nothing) that ancestor's entry is the answer, so {@link PathEntry#path()} says which path it
     * is about, and nothing beyond a symlink is ever looked at.
     */
    default PathEntry entry(String path) {
        for (String ancestor : PatchPaths.ancestors(path)) {
            PathEntry entry = lstat(ancestor);
            if (entry.kind() != PathEntry.Kind.DIRECTORY) {
                return entry;
            }
        }
        return lstat(path);
    }

    /**
     * The view of a tree that knows only files (the workspace's tree before guardrails): a path is a file when the
     * tree reads it, otherwise it is missing; it knows no directories and no symlinks.
     */
    static RepoView of(FileTree tree) {
        if (tree instanceof RepoView view) {
            return view;
        }
        return new RepoView() {
            @Override
            public PathEntry lstat(String path) {
                return tree.read(path).isPresent() ? PathEntry.file(path) : PathEntry.missing(path);
            }

            @Override
            public PathEntry entry(String path) {
                return lstat(path);
            }
        };
    }
}
