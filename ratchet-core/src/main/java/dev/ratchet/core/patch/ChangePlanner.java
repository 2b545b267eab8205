package dev.ratchet.core.patch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plays a change set's operations one after another on a staged copy of the paths they touch (so that a file can be
 * added and then updated in one patch, as the reference allows), reading the tree but never writing to it; it also
 * refuses, as the reference does, to delete or update a file that does not exist or to delete a directory.
 * Deliberate differences from the reference ({@code codex-rs/apply-patch/src/lib.rs}):
 * <ul>
 * <li>Nothing is written until every operation fits (the reference writes each operation as it goes and stops at the
 *     first failure, leaving the earlier ones written), and every problem is reported, not only the first.</li>
 * <li>Adding a file that exists, or renaming onto one, is an error (the reference overwrites it).</li>
 * <li>Absolute paths and {@code ..} are refused (the reference resolves them), and no path may go through a
 *     symlink; deleting a symlink deletes the link.</li>
 * </ul>
 */
final class ChangePlanner {

    /** Enough problems to fix a patch in one go; past this the model is better off re-reading the files. */
    private static final int MAX_PROBLEMS = 10;

    private final EditFormat format;
    private final FileTree tree;
    private final RepoView view;
    /** Path to staged content; null for a path the patch deleted. */
    private final Map<String, String> staged = new LinkedHashMap<>();
    private final Map<String, Boolean> existedBefore = new LinkedHashMap<>();
    private final Map<String, FileMode> modes = new LinkedHashMap<>();
    private final List<FileEdit> edits = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Set<String> failed = new HashSet<>();

    ChangePlanner(EditFormat format, FileTree tree, RepoView view) {
        this.format = format;
        this.tree = tree;
        this.view = view;
    }

    ChangePlan plan(ChangeSet written) {
        for (String path : written.touchedPaths()) {
            PatchPaths.problem(path).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new PatchApplyException(problems);
        }
        ChangeSet changes = written.normalised();
        for (PatchOp op : changes.operations()) {
            if (problems.size() >= MAX_PROBLEMS) {
                break;
            }
            String label = format.label(op);
            Optional<String> unsafe = unsafePath(op);
            if (unsafe.isPresent()) {
                problem(op, label + ": " + unsafe.get());
            } else if (failed.contains(op.path())) {
                continue;
            } else if (op instanceof PatchOp.AddFile add) {
                add(label, add);
            } else if (op instanceof PatchOp.DeleteFile delete) {
                delete(label, delete);
            } else if (op instanceof PatchOp.UpdateFile update) {
                update(label, update);
            }
        }
        if (!problems.isEmpty()) {
            throw new PatchApplyException(problems);
        }
        Map<String, String> finalContent = new LinkedHashMap<>();
        List<String> deletes = new ArrayList<>();
        staged.forEach((path, content) -> {
            if (content != null) {
                finalContent.put(path, content);
            } else if (existedBefore.get(path)) {
                deletes.add(path);
            }
        });
        return new ChangePlan(edits, finalContent, modes, deletes);
    }

    private Optional<String> unsafePath(PatchOp op) {
        for (String path : op instanceof PatchOp.UpdateFile u && u.moveTo() != null ? List.of(u.path(), u.moveTo())
                : List.of(op.path())) {
            String blocked = blocked(path);
            if (blocked != null) {
                return Optional.of(blocked);
            }
        }
        return Optional.empty();
    }

    private void add(String label, PatchOp.AddFile add) {
        String path = add.path();
        if (add.mode() == FileMode.SYMLINK) {
            problem(add, label + ": creates a symlink; a patch never creates symlinks, write a regular file");
            return;
        }
        PathEntry.Kind kind = kind(path);
        if (kind != PathEntry.Kind.MISSING) {
            problem(add, label + (kind == PathEntry.Kind.FILE ? " already exists" : ": " + path + " is a "
                    + describe(kind)));
            return;
        }
        executableBit(add, label, add.mode());
        stage(path, add.content());
        TextFile file = TextFile.parse(add.content());
        List<FileEdit.AddedLine> lines = new ArrayList<>(file.size());
        for (int i = 0; i < file.size(); i++) {
            lines.add(new FileEdit.AddedLine(i + 1, file.texts.get(i)));
        }
        edits.add(new FileEdit(FileEdit.Kind.ADD, path, null, add.mode(), add.content(), file.size(), 0, lines));
    }

    private void delete(String label, PatchOp.DeleteFile delete) {
        String path = delete.path();
        PathEntry.Kind kind = kind(path);
        if (kind == PathEntry.Kind.MISSING) {
            problem(delete, label + " does not exist");
            return;
        }
        if (kind != PathEntry.Kind.FILE && kind != PathEntry.Kind.SYMLINK) {
            problem(delete, label + ": " + path + " is a " + describe(kind) + "; delete the files in it one by one");
            return;
        }
        int removed = 0;
        if (kind == PathEntry.Kind.FILE) {
            Optional<String> content = content(label, delete);
            if (content.isEmpty()) {
                return;
            }
            removed = TextFile.parse(content.get()).size();
        }
        stage(path, null);
        edits.add(new FileEdit(FileEdit.Kind.DELETE, path, null, null, null, 0, removed, List.of()));
    }

    private void update(String label, PatchOp.UpdateFile update) {
        String path = update.path();
        PathEntry.Kind kind = kind(path);
        if (kind != PathEntry.Kind.FILE) {
            problem(update, label + (kind == PathEntry.Kind.MISSING ? " does not exist"
                    : ": " + path + " is a " + describe(kind) + (kind == PathEntry.Kind.SYMLINK
                            ? "; patch the file it points to instead" : "")));
            return;
        }
        String destination = update.moveTo() == null ? path : update.moveTo();
        if (!destination.equals(path) && kind(destination) != PathEntry.Kind.MISSING) {
            problem(update, label + ": cannot move it to " + destination + ", which already exists");
            return;
        }
        if (update.newMode() == FileMode.SYMLINK) {
            problem(update, label + ": turns the file into a symlink; a patch never creates symlinks");
            return;
        }
        Optional<String> content = content(label, update);
        if (content.isEmpty()) {
            return;
        }
        FilePatcher.Patched patched;
        try {
            patched = FilePatcher.apply(label, content.get(), update.hunks());
        } catch (PatchApplyException e) {
            e.problems().forEach(p -> problem(update, p));
            return;
        }
        FileMode mode = update.newMode();
        if (mode == null && !destination.equals(path) && tree instanceof FileModes fileModes
                && fileModes.isExecutable(path)) {
            mode = FileMode.EXECUTABLE;
        }
        executableBit(update, label, mode);
        if (!destination.equals(path)) {
            stage(path, null);
        }
        stage(destination, patched.content());
        edits.add(new FileEdit(FileEdit.Kind.UPDATE, destination, destination.equals(path) ? null : path, mode,
                patched.content(), patched.added(), patched.removed(), patched.addedLines()));
    }

    private void executableBit(PatchOp op, String label, FileMode mode) {
        if (mode == FileMode.EXECUTABLE && !(tree instanceof FileModes)) {
            problem(op, label + ": this tree cannot keep the executable bit (mode 100755)");
        } else if (mode != null && (mode == FileMode.EXECUTABLE || op instanceof PatchOp.UpdateFile)) {
            modes.put(op instanceof PatchOp.UpdateFile u && u.moveTo() != null ? u.moveTo() : op.path(), mode);
        }
    }

    /** The file's content as the earlier operations left it, or empty with a problem recorded. */
    private Optional<String> content(String label, PatchOp op) {
        if (staged.containsKey(op.path())) {
            return Optional.ofNullable(staged.get(op.path()));
        }
        try {
            Optional<String> content = tree.read(op.path());
            if (content.isEmpty()) {
                problem(op, label + " does not exist");
            }
            return content;
        } catch (PatchApplyException e) {
            problem(op, label + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private void stage(String path, String content) {
        existedBefore.computeIfAbsent(path, p -> {
            PathEntry entry = view.entry(p);
            return entry.path().equals(p)
                    && (entry.kind() == PathEntry.Kind.FILE || entry.kind() == PathEntry.Kind.SYMLINK);
        });
        staged.put(path, content);
    }

    /** What a path is once the earlier operations are played: staged files first, then the tree. */
    private PathEntry.Kind kind(String path) {
        if (staged.containsKey(path)) {
            return staged.get(path) == null ? PathEntry.Kind.MISSING : PathEntry.Kind.FILE;
        }
        String prefix = path + "/";
        for (Map.Entry<String, String> e : staged.entrySet()) {
            if (e.getValue() != null && e.getKey().startsWith(prefix)) {
                return PathEntry.Kind.DIRECTORY;
            }
        }
        PathEntry entry = view.entry(path);
        return entry.path().equals(path) ? entry.kind() : PathEntry.Kind.MISSING;
    }

    /** Why a path cannot be reached: an ancestor that is a file, a symlink or something else; null when it can. */
    private String blocked(String path) {
        for (String ancestor : PatchPaths.ancestors(path)) {
            if (staged.containsKey(ancestor)) {
                if (staged.get(ancestor) == null) {
                    return null;
                }
                return ancestor + " is a file, so " + path + " cannot be under it";
            }
            PathEntry entry = view.entry(ancestor);
            switch (entry.kind()) {
                case DIRECTORY -> {
                }
                case MISSING -> {
                    return null;
                }
                case SYMLINK -> {
                    return "it goes through the symlink " + entry.path() + "; a patch never writes through symlinks";
                }
                default -> {
                    return entry.path() + " is a " + describe(entry.kind()) + ", so " + path
                            + " cannot be under it";
                }
            }
        }
        return null;
    }

    private static String describe(PathEntry.Kind kind) {
        return switch (kind) {
            case FILE -> "file";
            case DIRECTORY -> "directory";
            case SYMLINK -> "symlink";
            case OTHER -> "special file";
            case MISSING -> "missing path";
        };
    }

    private void problem(PatchOp op, String message) {
        failed.add(op.path());
        problems.add(message);
    }
}
