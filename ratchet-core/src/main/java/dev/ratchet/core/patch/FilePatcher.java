package dev.ratchet.core.patch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.ratchet.core.patch.PatchOp.FinalNewline;
import dev.ratchet.core.patch.PatchOp.Hunk;
import dev.ratchet.core.patch.PatchOp.Line;
import dev.ratchet.core.patch.PatchOp.Placement;

/**
 * Applies the hunks of one file update to its content, as the reference {@code compute_replacements} does: hunks in
 * order, each searched after the previous one (after its anchors first), a hunk without old lines appended at the
 * end of the file, a hunk whose old lines end in an empty line retried without it. Differences, each deliberate:
 * <ul>
 * <li>A hunk without old lines but with an anchor is inserted right after the anchor line (the reference appends
 *     it to the end of the file, away from the anchor it was written for); with a unified diff's line number, at
 *     that line.</li>
 * <li>Trailing empty old lines are dropped one after another while the hunk does not match, also when added lines
 *     follow them (the reference drops one).</li>
 * <li>Hunks that overlap, or match before the previous hunk, are an error that says so (the reference sorts the
 *     replacements and applies them anyway).</li>
 * <li>The final newline is kept as the file had it unless the patch says otherwise (a unified diff's
 *     {@code \ No newline at end of file}); the reference always ends an updated file with a newline.</li>
 * </ul>
 * SEARCH/REPLACE hunks ({@link Placement#ANYWHERE}) each take the first match in the file as the earlier ones left
 * it.
 */
final class FilePatcher {

    /** The new content, and which of its lines (1-based) the patch added. */
    record Patched(String content, int added, int removed, List<FileEdit.AddedLine> addedLines) {
    }

    private record Replacement(int at, int oldCount, List<Line> body) {
    }

    private FilePatcher() {
    }

    /** @throws PatchApplyException naming the hunk, what it expects and the closest lines found */
    static Patched apply(String label, String content, List<Hunk> hunks) {
        TextFile file = TextFile.parse(content);
        int[] counts = new int[2];
        if (!hunks.isEmpty() && hunks.get(0).placement() == Placement.ANYWHERE) {
            anywhere(label, file, hunks, counts);
        } else {
            inOrder(label, file, hunks, counts);
        }
        FinalNewline finalNewline = FinalNewline.KEEP;
        for (Hunk hunk : hunks) {
            finalNewline = hunk.finalNewline() == FinalNewline.KEEP ? finalNewline : hunk.finalNewline();
        }
        boolean newline = finalNewline == FinalNewline.KEEP ? file.endsWithNewline : finalNewline == FinalNewline.ADD;
        List<FileEdit.AddedLine> addedLines = new ArrayList<>();
        for (int i = 0; i < file.size(); i++) {
            if (file.added.get(i)) {
                addedLines.add(new FileEdit.AddedLine(i + 1, file.texts.get(i)));
            }
        }
        return new Patched(file.render(newline), counts[0], counts[1], addedLines);
    }

    private static void inOrder(String label, TextFile file, List<Hunk> hunks, int[] counts) {
        LineMatcher matcher = new LineMatcher(file.texts);
        List<Replacement> replacements = new ArrayList<>();
        int cursor = 0;
        Replacement previous = null;
        for (int k = 0; k < hunks.size(); k++) {
            Hunk hunk = hunks.get(k);
            int from = cursor;
            for (String anchor : hunk.anchors()) {
                int at = matcher.findAnchor(anchor, from);
                if (at < 0) {
                    throw new PatchApplyException(HunkMismatch.anchor(label, k + 1, hunk, anchor, from));
                }
                from = at + 1;
            }
            List<Line> body = hunk.lines();
            if (oldCount(body) == 0) {
                int at = hunk.oldStart() >= 0 ? Math.max(cursor, Math.min(hunk.oldStart(), file.size()))
                        : hunk.anchors().isEmpty() ? file.size() : from;
                replacements.add(new Replacement(at, 0, body));
                cursor = hunk.anchors().isEmpty() && hunk.oldStart() < 0 ? cursor : at;
                continue;
            }
            boolean atEnd = hunk.placement() == Placement.AT_END;
            int at = matcher.find(old(body), from, atEnd, hunk.oldStart());
            while (at < 0 && endsInEmptyOldLine(body)) {
                body = withoutLastOldLine(body);
                at = matcher.find(old(body), from, atEnd, hunk.oldStart());
            }
            if (at < 0 || at < cursor) {
                int elsewhere = at >= 0 ? at : matcher.find(old(body), 0, false, -1);
                if (previous != null && elsewhere >= 0 && elsewhere < cursor) {
                    throw new PatchApplyException(HunkMismatch.overlap(label, k + 1, hunk, elsewhere, oldCount(body),
                            previous.at(), previous.oldCount()));
                }
                throw new PatchApplyException(HunkMismatch.notFound(label, k + 1, hunk, body, matcher, file.texts,
                        from, atEnd));
            }
            Replacement replacement = new Replacement(at, oldCount(body), body);
            replacements.add(replacement);
            previous = replacement;
            cursor = at + replacement.oldCount();
        }
        // Back to front, so that each replacement's position in the original file still holds.
        replacements.sort(Comparator.comparingInt(Replacement::at));
        for (int r = replacements.size() - 1; r >= 0; r--) {
            Replacement replacement = replacements.get(r);
            file.replace(replacement.at(), replacement.body());
            count(replacement.body(), counts);
        }
    }

    private static void anywhere(String label, TextFile file, List<Hunk> hunks, int[] counts) {
        for (int k = 0; k < hunks.size(); k++) {
            Hunk hunk = hunks.get(k);
            LineMatcher matcher = new LineMatcher(file.texts);
            List<Line> body = hunk.lines();
            int at = matcher.find(old(body), 0, false, -1);
            while (at < 0 && endsInEmptyOldLine(body)) {
                body = withoutLastOldLine(body);
                at = matcher.find(old(body), 0, false, -1);
            }
            if (at < 0) {
                throw new PatchApplyException(HunkMismatch.notFound(label, k + 1, hunk, body, matcher, file.texts, 0,
                        false));
            }
            file.replace(at, body);
            count(body, counts);
        }
    }

    /**
     * Whether the hunk's last old line is blank, with more old lines before it. Added lines after it do not matter: a
     * SEARCH part ending in a blank line the file does not have is diffed into "remove the blank line, add the new
     * lines", and it must match as well as one whose REPLACE part ends in the same blank line.
     */
    private static boolean endsInEmptyOldLine(List<Line> body) {
        int last = lastOldLine(body);
        return last >= 0 && body.get(last).text().isBlank() && oldCount(body) > 1;
    }

    /** The body without its last old line (a blank one the file does not have); the added lines stay. */
    private static List<Line> withoutLastOldLine(List<Line> body) {
        List<Line> result = new ArrayList<>(body);
        result.remove(lastOldLine(body));
        return result;
    }

    private static int lastOldLine(List<Line> body) {
        for (int k = body.size() - 1; k >= 0; k--) {
            if (body.get(k).kind() != Line.Kind.ADDED) {
                return k;
            }
        }
        return -1;
    }

    static List<String> old(List<Line> body) {
        List<String> result = new ArrayList<>(body.size());
        for (Line line : body) {
            if (line.kind() != Line.Kind.ADDED) {
                result.add(line.text());
            }
        }
        return result;
    }

    private static int oldCount(List<Line> body) {
        int n = 0;
        for (Line line : body) {
            n += line.kind() == Line.Kind.ADDED ? 0 : 1;
        }
        return n;
    }

    private static void count(List<Line> body, int[] counts) {
        for (Line line : body) {
            counts[0] += line.kind() == Line.Kind.ADDED ? 1 : 0;
            counts[1] += line.kind() == Line.Kind.REMOVED ? 1 : 0;
        }
    }
}
