package dev.ratchet.core.patch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Applies an {@link ApplyPatch} to a {@link FileTree}. Context is matched exactly first, then ignoring trailing
 * and then surrounding white space, because models are loose with indentation of context lines but the lines they
 * add are kept verbatim.
 */
public final class PatchApplier {

    private static final List<BiPredicate<String, String>> STRICTNESS = List.of(
            String::equals,
            (a, b) -> a.stripTrailing().equals(b.stripTrailing()),
            (a, b) -> a.strip().equals(b.strip()));

    private PatchApplier() {
    }

    public static void apply(ApplyPatch patch, FileTree tree) {
        for (PatchOp op : patch.operations()) {
            if (op instanceof PatchOp.AddFile add) {
                if (tree.read(add.path()).isPresent()) {
                    throw new PatchApplyException("*** Add File: " + add.path() + " already exists");
                }
                tree.write(add.path(), add.content());
            } else if (op instanceof PatchOp.DeleteFile delete) {
                if (tree.read(delete.path()).isEmpty()) {
                    throw new PatchApplyException("*** Delete File: " + delete.path() + " does not exist");
                }
                tree.delete(delete.path());
            } else if (op instanceof PatchOp.UpdateFile update) {
                applyUpdate(update, tree);
            }
        }
    }

    private static void applyUpdate(PatchOp.UpdateFile update, FileTree tree) {
        String original = tree.read(update.path()).orElseThrow(
                () -> new PatchApplyException("*** Update File: " + update.path() + " does not exist"));
        boolean trailingNewline = original.isEmpty() || original.endsWith("\n");
        List<String> lines = new ArrayList<>(Arrays.asList(original.split("\n", -1)));
        if (trailingNewline) {
            lines.remove(lines.size() - 1);
        }
        int cursor = 0;
        int number = 0;
        for (PatchOp.Hunk hunk : update.hunks()) {
            number++;
            cursor = applyHunk(update.path(), number, hunk, lines, cursor);
        }
        String content = String.join("\n", lines) + (trailingNewline && !lines.isEmpty() ? "\n" : "");
        if (update.moveTo() != null) {
            tree.delete(update.path());
            tree.write(update.moveTo(), content);
        } else {
            tree.write(update.path(), content);
        }
    }

    private static int applyHunk(String path, int number, PatchOp.Hunk hunk, List<String> lines, int cursor) {
        int from = cursor;
        for (String anchor : hunk.anchors()) {
            int at = find(lines, List.of(anchor), from, false, true);
            if (at < 0) {
                throw new PatchApplyException(path + ": hunk " + number + ": anchor '@@ " + anchor + "' not found");
            }
            from = at + 1;
        }
        if (hunk.oldLines().isEmpty()) {
            int insertAt = hunk.anchors().isEmpty() ? lines.size() : from;
            lines.addAll(insertAt, hunk.newLines());
            return insertAt + hunk.newLines().size();
        }
        int at = find(lines, hunk.oldLines(), from, hunk.endOfFile(), false);
        if (at < 0) {
            throw new PatchApplyException(path + ": hunk " + number + ": context not found: "
                    + ApplyPatch.abbreviate(String.join(" | ", hunk.oldLines())));
        }
        List<String> replacement = keepContext(lines.subList(at, at + hunk.oldLines().size()), hunk.oldLines(),
                hunk.newLines());
        for (int k = 0; k < hunk.oldLines().size(); k++) {
            lines.remove(at);
        }
        lines.addAll(at, replacement);
        return at + replacement.size();
    }

    /**
     * The hunk's new lines, with each context line (one in both old and new lines) taken from the file as found:
     * context was only matched loosely, it is not changed.
     */
    private static List<String> keepContext(List<String> found, List<String> oldLines, List<String> newLines) {
        int n = oldLines.size();
        int m = newLines.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = oldLines.get(i).equals(newLines.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> result = new ArrayList<>(newLines);
        for (int i = 0, j = 0; i < n && j < m;) {
            if (oldLines.get(i).equals(newLines.get(j))) {
                result.set(j++, found.get(i++));
            } else if (common[i + 1][j] >= common[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        return result;
    }

    /** First index at or after {@code from} where {@code wanted} matches, trying looser comparisons in turn. */
    private static int find(List<String> lines, List<String> wanted, int from, boolean atEnd, boolean contains) {
        for (BiPredicate<String, String> same : STRICTNESS) {
            int start = atEnd ? lines.size() - wanted.size() : from;
            int last = lines.size() - wanted.size();
            for (int at = Math.max(start, 0); at <= last; at++) {
                if (matches(lines, wanted, at, same, contains)) {
                    return at;
                }
            }
        }
        return -1;
    }

    private static boolean matches(List<String> lines, List<String> wanted, int at, BiPredicate<String, String> same,
            boolean contains) {
        for (int k = 0; k < wanted.size(); k++) {
            String line = lines.get(at + k);
            String want = wanted.get(k);
            boolean ok = same.test(line, want) || (contains && line.strip().contains(want.strip()));
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
