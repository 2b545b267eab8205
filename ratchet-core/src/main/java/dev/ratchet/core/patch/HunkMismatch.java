package dev.ratchet.core.patch;

import java.util.List;

import dev.ratchet.core.patch.PatchOp.Hunk;
import dev.ratchet.core.patch.PatchOp.Line;

/**
 * The errors of a hunk that does not fit, written for the model that wrote the patch (they come back to it as a
 * tool result): the file, the hunk and where it starts in the patch, the lines it expects and the closest lines the
 * file has, with their line numbers, so it can correct the patch without reading the file again.
 */
final class HunkMismatch {

    /** At most this many lines of a hunk or of the file are quoted: enough to see the difference, not a flood. */
    private static final int MAX_QUOTED = 20;
    private static final int MAX_LINE = 160;

    private HunkMismatch() {
    }

    static String notFound(String label, int number, Hunk hunk, List<Line> body, LineMatcher matcher,
            List<String> file, int from, boolean atEnd) {
        StringBuilder out = new StringBuilder(head(label, number, hunk)).append(" does not match the file.\n");
        out.append("It expects these lines").append(atEnd ? " at the end of the file"
                : from > 0 ? " after line " + from : hunk.oldStart() >= 0 ? " near line " + (hunk.oldStart() + 1)
                        : "").append(":\n");
        int quoted = 0;
        for (Line line : body) {
            if (line.kind() != Line.Kind.ADDED && quoted++ < MAX_QUOTED) {
                out.append(line.kind() == Line.Kind.REMOVED ? "-" : " ").append(cut(line.text())).append('\n');
            }
        }
        if (quoted > MAX_QUOTED) {
            out.append("... (").append(quoted - MAX_QUOTED).append(" more)\n");
        }
        List<String> old = FilePatcher.old(body);
        int start = matcher.closest(old);
        if (start < 0) {
            return out.append("No line of the file resembles them: check the file name, or read the file again.")
                    .toString();
        }
        int end = Math.min(file.size(), start + Math.min(old.size(), MAX_QUOTED));
        out.append("The closest lines in the file are lines ").append(start + 1).append('-').append(end).append(":\n");
        for (int i = start; i < end; i++) {
            out.append(String.format("%5d| ", i + 1)).append(cut(file.get(i))).append('\n');
        }
        return out.append("Copy the context and '-' lines exactly from the file.").toString();
    }

    static String anchor(String label, int number, Hunk hunk, String anchor, int from) {
        return head(label, number, hunk) + ": no line" + (from > 0 ? " after line " + from : "")
                + " matches its anchor '@@ " + cut(anchor) + "'. An anchor is a line of the file (a class or "
                + "function line) that comes before the hunk's lines; copy it from the file or leave it out.";
    }

    static String overlap(String label, int number, Hunk hunk, int at, int count, int previousAt, int previousCount) {
        return head(label, number, hunk) + " matches lines " + range(at, count) + ", which do not come after hunk "
                + (number - 1) + " (lines " + range(previousAt, previousCount) + "): the hunks of a file must be in "
                + "file order and must not overlap. Merge them into one hunk or put them in order.";
    }

    private static String head(String label, int number, Hunk hunk) {
        return label + ": hunk " + number + (hunk.line() > 0 ? " (line " + hunk.line() + " of the patch)" : "");
    }

    private static String range(int at, int count) {
        return (at + 1) + "-" + Math.max(at + count, at + 1);
    }

    private static String cut(String line) {
        return line.length() > MAX_LINE ? line.substring(0, MAX_LINE - 3) + "..." : line;
    }
}
