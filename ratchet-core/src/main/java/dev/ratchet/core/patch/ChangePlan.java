package dev.ratchet.core.patch;

import java.util.List;
import java.util.Map;

/**
 * A change set matched against a tree and ready to write: every hunk has been found and every operation checked,
 * and nothing has been written yet. Guardrails judge {@link #edits()}; {@link #writeTo} then writes the final state
 * of each path (deletes first, so that a file can become a directory).
 */
public final class ChangePlan {

    private final List<FileEdit> edits;
    private final Map<String, String> finalContent;
    private final Map<String, FileMode> modes;
    private final List<String> deletes;

    ChangePlan(List<FileEdit> edits, Map<String, String> finalContent, Map<String, FileMode> modes,
            List<String> deletes) {
        this.edits = List.copyOf(edits);
        this.finalContent = finalContent;
        this.modes = modes;
        this.deletes = List.copyOf(deletes);
    }

    /**
     * Matches {@code changes} against {@code tree} without writing anything. Paths that a {@link PatchPaths#problem}
     * or a symlink makes unsafe are refused here too, guardrails or not.
     *
     * @throws PatchApplyException with every problem found, each naming the operation
     */
    public static ChangePlan prepare(ChangeSet changes, FileTree tree) {
        return prepare(changes, tree, RepoView.of(tree));
    }

    /** {@link #prepare(ChangeSet, FileTree)} with {@code view} telling files, directories and symlinks apart. */
    public static ChangePlan prepare(ChangeSet changes, FileTree tree, RepoView view) {
        return new ChangePlanner(changes.format(), tree, view).plan(changes);
    }

    /** {@link #prepare} then {@link #writeTo}: a patch that does not fit writes nothing. */
    public static ChangePlan apply(ChangeSet changes, FileTree tree) {
        ChangePlan plan = prepare(changes, tree);
        plan.writeTo(tree);
        return plan;
    }

    public List<FileEdit> edits() {
        return edits;
    }

    public void writeTo(FileTree tree) {
        deletes.forEach(tree::delete);
        finalContent.forEach(tree::write);
        if (!modes.isEmpty() && tree instanceof FileModes fileModes) {
            modes.forEach((path, mode) -> fileModes.setExecutable(path, mode == FileMode.EXECUTABLE));
        }
    }

    /** One line per operation, {@code A}dded, {@code M}odified, {@code D}eleted, as the reference prints them. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        for (FileEdit edit : edits) {
            out.append(switch (edit.kind()) {
                case ADD -> "A ";
                case DELETE -> "D ";
                case UPDATE -> "M ";
            }).append(edit.from() == null ? "" : edit.from() + " -> ").append(edit.path()).append('\n');
        }
        return out.toString();
    }
}
