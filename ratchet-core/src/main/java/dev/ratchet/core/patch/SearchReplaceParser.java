package dev.ratchet.core.patch;

import static dev.ratchet.core.patch.AnswerLines.abbreviate;
import static dev.ratchet.core.patch.AnswerLines.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.ratchet.core.patch.PatchOp.FinalNewline;
import dev.ratchet.core.patch.PatchOp.Hunk;
import dev.ratchet.core.patch.PatchOp.Placement;

/**
 * Parser for SEARCH/REPLACE blocks in the style aider made common. The grammar accepted:
 *
 * <pre>
 * answer  := { prose | block }
 * block   := [ path-line ] { blank | fence } "&lt;&lt;&lt;&lt;&lt;&lt;&lt; SEARCH" NL { line NL }
 *            "=======" NL { line NL } "&gt;&gt;&gt;&gt;&gt;&gt;&gt; REPLACE" NL
 * fence   := a line starting with ``` or ~~~ (skipped; blocks are usually fenced)
 * </pre>
 *
 * <ul>
 * <li>Markers are whole lines; white space around them is ignored. Exactly seven {@code <}, {@code =} and
 *     {@code >}. The divider is the first {@code =======} line after SEARCH, so the searched text cannot contain
 *     such a line.</li>
 * <li>The path is the nearest non-blank line before the block that is not a fence, with markdown decoration
 *     dropped (leading {@code #}, surrounding {@code **} or backticks, a {@code File:} or {@code Path:} label, a
 *     trailing colon). It must contain no white space. A block that directly follows another block (only blank
 *     and fence lines in between) edits the same file as that one.</li>
 * <li>A SEARCH part that is empty (or only blank lines) creates a new file with the REPLACE part as its content
 *     (an error if the file exists). Otherwise the SEARCH lines must be found in the file, as it is after the
 *     earlier blocks, with the same matcher as apply_patch hunks (exact, then ignoring trailing, then surrounding
 *     white space, then normalised punctuation); the first match is replaced.</li>
 * <li>Lines the SEARCH and REPLACE parts have in common are kept from the file as they are there (they may have
 *     matched loosely); the rest is removed and added as written.</li>
 * </ul>
 */
final class SearchReplaceParser {

    static final String SEARCH = "<<<<<<< SEARCH";
    private static final String DIVIDER = "=======";
    private static final String REPLACE = ">>>>>>> REPLACE";

    private final AnswerLines lines;
    private final List<PatchOp> ops = new ArrayList<>();
    private List<Hunk> group;
    private String groupPath;
    private int groupLine;

    private SearchReplaceParser(AnswerLines lines) {
        this.lines = lines;
    }

    static ChangeSet parse(AnswerLines lines) {
        return new SearchReplaceParser(lines).parseAll();
    }

    static boolean isSearch(String line) {
        return line.strip().equals(SEARCH);
    }

    private ChangeSet parseAll() {
        String previousPath = null;
        int previousEnd = -1;
        int i = 0;
        while (i < lines.size()) {
            String stripped = lines.get(i).strip();
            if (stripped.equals(REPLACE)) {
                throw error(i, "'" + REPLACE + "' without an opening '" + SEARCH + "' line");
            }
            if (!stripped.equals(SEARCH)) {
                i++;
                continue;
            }
            int open = i;
            String path = path(open, previousEnd, previousPath);
            int divider = section(open, open + 1, DIVIDER);
            int close = section(open, divider + 1, REPLACE);
            List<String> search = texts(open + 1, divider);
            if (search.stream().allMatch(String::isBlank)) {
                flush();
                ops.add(new PatchOp.AddFile(path, content(divider + 1, close), FileMode.REGULAR, open + 1));
            } else {
                if (group != null && !groupPath.equals(path)) {
                    flush();
                }
                if (group == null) {
                    group = new ArrayList<>();
                    groupPath = path;
                    groupLine = open + 1;
                }
                group.add(new Hunk(List.of(), LineDiff.lines(search, texts(divider + 1, close)), Placement.ANYWHERE,
                        -1, FinalNewline.KEEP, open + 1));
            }
            previousPath = path;
            previousEnd = close;
            i = close + 1;
        }
        flush();
        if (ops.isEmpty()) {
            throw new PatchFormatException("no '" + SEARCH + "' ... '" + DIVIDER + "' ... '" + REPLACE
                    + "' block in the answer");
        }
        return new ChangeSet(EditFormat.SEARCH_REPLACE, ops);
    }

    /** The line of {@code marker} that ends a part of the block opened at {@code open}. */
    private int section(int open, int from, String marker) {
        for (int k = from; k < lines.size(); k++) {
            String stripped = lines.get(k).strip();
            if (stripped.equals(marker)) {
                return k;
            }
            if (stripped.equals(SEARCH) || stripped.equals(REPLACE) && marker.equals(DIVIDER)) {
                throw error(k, "found '" + stripped + "' before the '" + marker + "' line of the block opened at "
                        + "line " + (open + 1));
            }
        }
        throw error(open, "the block opened here has no '" + marker + "' line");
    }

    private String path(int open, int previousEnd, String previousPath) {
        int k = open - 1;
        while (k > previousEnd && (lines.get(k).isBlank() || isFence(lines.get(k)))) {
            k--;
        }
        if (k == previousEnd && previousPath != null) {
            return previousPath;
        }
        String path = k > previousEnd ? cleanPath(lines.get(k)) : null;
        if (path == null) {
            throw error(open, "no file path for this SEARCH block: write the file's path alone on the line before "
                    + "it" + (k > previousEnd ? ", found: " + abbreviate(lines.get(k).strip()) : ""));
        }
        return path;
    }

    private static boolean isFence(String line) {
        String stripped = line.strip();
        return stripped.startsWith("```") || stripped.startsWith("~~~");
    }

    /** The path a line names once markdown decoration is dropped, or null when it is not a bare path. */
    static String cleanPath(String line) {
        String s = line.strip().replaceFirst("^#+\\s*", "");
        s = trimDecoration(s);
        String lower = s.toLowerCase(Locale.ROOT);
        for (String label : List.of("filename:", "file:", "path:")) {
            if (lower.startsWith(label)) {
                s = trimDecoration(s.substring(label.length()));
                break;
            }
        }
        if (s.endsWith(":")) {
            s = trimDecoration(s.substring(0, s.length() - 1));
        }
        return s.isEmpty() || s.chars().anyMatch(Character::isWhitespace) ? null : s;
    }

    private static String trimDecoration(String s) {
        String result = s.strip();
        while (!result.isEmpty() && "*`'\"".indexOf(result.charAt(0)) >= 0) {
            result = result.substring(1);
        }
        while (!result.isEmpty() && "*`'\"".indexOf(result.charAt(result.length() - 1)) >= 0) {
            result = result.substring(0, result.length() - 1);
        }
        return result.strip();
    }

    private List<String> texts(int from, int to) {
        List<String> result = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) {
            result.add(lines.get(k));
        }
        return result;
    }

    private String content(int from, int to) {
        StringBuilder content = new StringBuilder();
        for (int k = from; k < to; k++) {
            content.append(lines.get(k)).append(lines.crlf(k) ? "\r\n" : "\n");
        }
        return content.toString();
    }

    private void flush() {
        if (group != null) {
            ops.add(new PatchOp.UpdateFile(groupPath, null, List.copyOf(group), null, groupLine));
            group = null;
        }
    }
}
