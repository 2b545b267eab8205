package dev.ratchet.core.guardrail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.ratchet.core.patch.ChangeSet;
import dev.ratchet.core.patch.FileEdit;
import dev.ratchet.core.patch.FileMode;
import dev.ratchet.core.patch.PatchOp;
import dev.ratchet.core.patch.PatchPaths;
import dev.ratchet.core.patch.PathEntry;
import dev.ratchet.core.patch.RepoView;

/**
 * The guardrails engine: judges a change set in two stages. {@link #paths} needs only the change set and a
 * {@link RepoView} and runs before any file is read (so that a path through a symlink is never even read);
 * {@link #content} judges the matched edits. Both return every violation, not just the first.
 */
public final class GuardrailCheck {

    private final Guardrails guardrails;
    private final List<Glob> allow;
    private final List<Glob> readOnly;
    private final List<Glob> forbid;

    public GuardrailCheck(Guardrails guardrails) {
        this.guardrails = guardrails;
        this.allow = Guardrails.compile(guardrails.allow(), false);
        this.readOnly = Guardrails.compile(guardrails.readOnly(), true);
        this.forbid = Guardrails.compile(guardrails.forbid(), true);
    }

    /**
     * Rules decided by paths and operations: path-escape, symlink, forbidden-path, read-only-path, outside-allowed,
     * no-deletes, max-new-files.
     */
    public List<Violation> paths(ChangeSet changes, RepoView view) {
        Set<Violation> violations = new LinkedHashSet<>();
        Set<String> createdLinks = new HashSet<>();
        for (PatchOp op : changes.operations()) {
            if (makesSymlink(op)) {
                Optional<String> normal = normal(op.path());
                normal.ifPresent(createdLinks::add);
                violations.add(new Violation(Rule.SYMLINK, op.path(), op.path() + ": the patch makes it a symlink"
                        + (op instanceof PatchOp.AddFile add ? " to " + add.content().strip() : "")
                        + "; a step never creates symlinks: write a regular file instead"));
            }
        }
        int added = 0;
        for (PatchOp op : changes.operations()) {
            List<String> paths = new ArrayList<>(List.of(op.path()));
            if (op instanceof PatchOp.UpdateFile update && update.moveTo() != null) {
                paths.add(update.moveTo());
            }
            for (String path : paths) {
                pathRules(op, path, view, createdLinks, violations);
            }
            if (op instanceof PatchOp.DeleteFile && !guardrails.deletes()) {
                violations.add(new Violation(Rule.NO_DELETES, op.path(), op.path() + ": deleting files is not "
                        + "allowed in this session; change the file instead, or ask for guardrails.deletes"));
            }
            if (op instanceof PatchOp.AddFile && ++added == guardrails.maxNewFiles() + 1) {
                violations.add(new Violation(Rule.MAX_NEW_FILES, op.path(), "the patch adds "
                        + countAdds(changes) + " files, over the limit of " + guardrails.maxNewFiles()
                        + " (guardrails.maxNewFiles); add fewer files or split the step"));
            }
        }
        return List.copyOf(violations);
    }

    /** Rules decided by the matched edits: max-changed-lines, max-file-changed-lines, binary-file, secret. */
    public List<Violation> content(List<FileEdit> edits) {
        List<Violation> violations = new ArrayList<>();
        int added = 0;
        int removed = 0;
        for (FileEdit edit : edits) {
            added += edit.added();
            removed += edit.removed();
            if (edit.changedLines() > guardrails.maxFileChangedLines()) {
                violations.add(new Violation(Rule.MAX_FILE_CHANGED_LINES, edit.path(), edit.path() + ": "
                        + edit.changedLines() + " changed lines (" + edit.added() + " added, " + edit.removed()
                        + " removed), over the limit of " + guardrails.maxFileChangedLines() + " for one file "
                        + "(guardrails.maxFileChangedLines); change less of it in this step"));
            }
            if (edit.content() != null && edit.content().indexOf('\0') >= 0) {
                violations.add(new Violation(Rule.BINARY_FILE, edit.path(), edit.path() + ": the new content is "
                        + "binary (it holds a NUL character); a step only writes text files"));
            }
            for (FileEdit.AddedLine line : edit.addedLines()) {
                Optional<SecretScanner.Finding> secret = SecretScanner.scan(line.text());
                if (secret.isPresent()) {
                    violations.add(new Violation(Rule.SECRET, edit.path(), edit.path() + ":" + line.number()
                            + ": the added line holds what looks like " + secret.get().kind() + " ("
                            + secret.get().redacted() + "); never write credentials into the repository, read them "
                            + "from the environment instead"));
                }
            }
        }
        if (added + removed > guardrails.maxChangedLines()) {
            violations.add(new Violation(Rule.MAX_CHANGED_LINES, null, "the patch changes " + (added + removed)
                    + " lines (" + added + " added, " + removed + " removed), over the limit of "
                    + guardrails.maxChangedLines() + " for one step (guardrails.maxChangedLines); make a smaller "
                    + "change or split the step"));
        }
        return violations;
    }

    private void pathRules(PatchOp op, String path, RepoView view, Set<String> createdLinks,
            Set<Violation> violations) {
        Optional<String> problem = PatchPaths.problem(path);
        if (problem.isPresent()) {
            violations.add(new Violation(Rule.PATH_ESCAPE, path, problem.get() + "; write paths relative to the "
                    + "repository root, without '..'"));
            return;
        }
        String normal = PatchPaths.normalise(path);
        boolean deletesItself = op instanceof PatchOp.DeleteFile;
        String link = link(normal, view, createdLinks, deletesItself || makesSymlink(op) && path.equals(op.path()));
        if (link != null) {
            String how = link.startsWith(normal + " ") ? normal + " is a symlink" + link.substring(normal.length())
                    : normal + " goes through the symlink " + link;
            violations.add(new Violation(Rule.PATH_ESCAPE, path, how
                    + "; a step never reads or writes through a symlink: use the path of the file it points to, if "
                    + "that is inside the repository"));
        }
        Glob forbidden = Glob.firstMatch(forbid, normal);
        if (forbidden != null) {
            violations.add(new Violation(Rule.FORBIDDEN_PATH, path, normal + " matches the forbidden pattern '"
                    + forbidden.pattern() + "'; it cannot be read or changed"));
            return;
        }
        Glob readOnlyGlob = Glob.firstMatch(readOnly, normal);
        if (readOnlyGlob != null) {
            violations.add(new Violation(Rule.READ_ONLY_PATH, path, normal + " matches the read-only pattern '"
                    + readOnlyGlob.pattern() + "'; leave it unchanged"));
        }
        if (Glob.firstMatch(allow, normal) == null) {
            violations.add(new Violation(Rule.OUTSIDE_ALLOWED, path, normal + " is outside the allowed paths ("
                    + String.join(", ", guardrails.allow()) + "); change only files there"));
        }
    }

    /**
     * The symlink {@code path} goes through, described, or null: an existing one (an ancestor, or the path itself
     * unless the operation is about the link itself) or one the change set creates.
     */
    private static String link(String path, RepoView view, Set<String> createdLinks, boolean aboutTheLink) {
        List<String> chain = new ArrayList<>(PatchPaths.ancestors(path));
        if (!aboutTheLink) {
            chain.add(path);
        }
        for (String step : chain) {
            if (createdLinks.contains(step)) {
                return step + " that this patch creates";
            }
        }
        PathEntry entry = view.entry(path);
        boolean isSelf = entry.path().equals(path);
        if (entry.kind() == PathEntry.Kind.SYMLINK && (!isSelf || !aboutTheLink)) {
            return entry.path() + " (-> " + entry.linkTarget() + ")";
        }
        return null;
    }

    private static boolean makesSymlink(PatchOp op) {
        return op instanceof PatchOp.AddFile add && add.mode() == FileMode.SYMLINK
                || op instanceof PatchOp.UpdateFile update && update.newMode() == FileMode.SYMLINK;
    }

    private static Optional<String> normal(String path) {
        return PatchPaths.problem(path).isPresent() ? Optional.empty() : Optional.of(PatchPaths.normalise(path));
    }

    private static long countAdds(ChangeSet changes) {
        return changes.operations().stream().filter(PatchOp.AddFile.class::isInstance).count();
    }
}
