package dev.ratchet.core.patch;

import static dev.ratchet.core.patch.AnswerLines.abbreviate;
import static dev.ratchet.core.patch.AnswerLines.error;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ratchet.core.patch.PatchOp.Hunk;
import dev.ratchet.core.patch.PatchOp.Line;

/**
 * Parser for the apply_patch envelope that Codex-family models are trained to write, following the reference
 * parser of openai/codex ({@code codex-rs/apply-patch/src/parser.rs}) and its leniency: markers and file headers
 * may be padded with white space, the first hunk of a file may leave out its {@code @@} line, blank lines between
 * hunks are skipped, an empty line inside a hunk is an empty context line, an added file may have no lines.
 *
 * <p>Every deliberate difference from the reference, parsing and applying, in one place (the applying ones are
 * explained where they are made: {@link LineMatcher}, {@link FilePatcher}, {@link ChangePlanner}):
 * <ol>
 * <li>The envelope is found inside prose, code fences or a heredoc, and several envelopes in one answer are read in
 *     turn (the reference takes exactly one patch and nothing around it but a heredoc).</li>
 * <li>Several {@code @@} lines in a row narrow the position step by step, as the tool instructions describe (the
 *     reference parser refuses a second {@code @@} line before any hunk line).</li>
 * <li>A {@code @@} line is read as an anchor after trimming it, without requiring the space after {@code @@}; an
 *     empty anchor ({@code "@@ "}) is no anchor (the reference searches for an empty line); a unified-diff header
 *     ({@code @@ -3,4 +3,5 @@ def f():}) gives the text after its second {@code @@} as the anchor.</li>
 * <li>Blank lines between file operations are skipped (the reference refuses them after an added file), and
 *     HTML comment lines ({@code <!-- ... -->}, which models copy from the instructions) are ignored.</li>
 * <li>{@code *** Move to:} and {@code *** End of File} are recognised with white space around them.</li>
 * <li>An {@code *** Update File} with a {@code *** Move to} and no hunks is a plain rename (the reference refuses
 *     an update without hunks).</li>
 * <li>An anchor that matches no line in any of the reference's four ways may match a line that contains it
 *     ({@code @@ class Foo} for {@code class Foo(Base):}).</li>
 * <li>A hunk without old lines but with an anchor is inserted after the anchor line (the reference appends it to
 *     the end of the file).</li>
 * <li>Trailing empty lines of a hunk are dropped one after another while it does not match (the reference drops
 *     one).</li>
 * <li>Hunks that overlap or are out of order are an error saying so (the reference applies them anyway).</li>
 * <li>An updated file keeps its final newline, or its lack of one (the reference always ends it with a newline).</li>
 * <li>Nothing is written unless every operation fits, and every problem is reported (the reference writes each
 *     operation as it goes and stops at the first failure).</li>
 * <li>Adding a file that exists, or moving onto one, is an error (the reference overwrites it).</li>
 * <li>Absolute paths and {@code ..} are refused and no path may go through a symlink (the reference resolves
 *     absolute paths and follows links).</li>
 * </ol>
 * Each accepts more patches than the reference, or refuses one the reference would apply wrongly or unsafely.
 */
final class CodexPatchParser {

    static final String BEGIN = "*** Begin Patch";
    static final String END = "*** End Patch";
    static final String NO_ENVELOPE = "no '" + BEGIN + "' ... '" + END + "' envelope in the answer";
    private static final String ADD = "*** Add File:";
    private static final String DELETE = "*** Delete File:";
    private static final String UPDATE = "*** Update File:";
    private static final String MOVE = "*** Move to:";
    private static final String END_OF_FILE = "*** End of File";
    private static final Pattern UNIFIED_HUNK_HEADER = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+\\d+(?:,\\d+)? @@(.*)$");

    private CodexPatchParser() {
    }

    static ChangeSet parse(String answer) {
        return parse(AnswerLines.of(answer));
    }

    static ChangeSet parse(AnswerLines lines) {
        int begin = next(lines, 0, BEGIN);
        if (begin < 0) {
            throw new PatchFormatException(NO_ENVELOPE);
        }
        List<PatchOp> ops = new ArrayList<>();
        while (begin >= 0) {
            int nextBegin = next(lines, begin + 1, BEGIN);
            int end = last(lines, begin + 1, nextBegin < 0 ? lines.size() : nextBegin, END);
            if (end < 0) {
                throw error(begin, "the envelope opened by '" + BEGIN + "' is never closed: end it with a '" + END
                        + "' line");
            }
            new Body(lines, begin + 1, end, ops).parse();
            begin = nextBegin;
        }
        if (ops.isEmpty()) {
            throw new PatchFormatException("the patch has no file operations");
        }
        return new ChangeSet(EditFormat.APPLY_PATCH, ops);
    }

    static boolean isBegin(String line) {
        return line.strip().equals(BEGIN);
    }

    private static int next(AnswerLines lines, int from, String marker) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        return -1;
    }

    private static int last(AnswerLines lines, int from, int to, String marker) {
        for (int i = to - 1; i >= from; i--) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isHeader(String line) {
        return line.startsWith(ADD) || line.startsWith(DELETE) || line.startsWith(UPDATE);
    }

    /** Models copy stray HTML comments from their instructions into patches; they are never file content. */
    private static boolean isComment(String stripped) {
        return stripped.startsWith("<!--") && stripped.endsWith("-->");
    }

    /** The file operations between a begin and an end marker. */
    private static final class Body {
        private final AnswerLines lines;
        private final int end;
        private final List<PatchOp> ops;
        private int i;

        Body(AnswerLines lines, int start, int end, List<PatchOp> ops) {
            this.lines = lines;
            this.i = start;
            this.end = end;
            this.ops = ops;
        }

        void parse() {
            while (i < end) {
                String line = lines.get(i);
                String stripped = line.strip();
                if (stripped.isEmpty() || isComment(stripped)) {
                    i++;
                } else if (stripped.startsWith(ADD)) {
                    add(path(stripped, ADD));
                } else if (stripped.startsWith(DELETE)) {
                    ops.add(new PatchOp.DeleteFile(path(stripped, DELETE), i + 1));
                    i++;
                } else if (stripped.startsWith(UPDATE)) {
                    update(path(stripped, UPDATE));
                } else {
                    throw error(i, "expected a file header ('*** Add File: <path>', '*** Delete File: <path>' or "
                            + "'*** Update File: <path>'), found: " + abbreviate(line));
                }
            }
        }

        private void add(String path) {
            int header = i++;
            StringBuilder content = new StringBuilder();
            while (i < end && (lines.get(i).startsWith("+") || isComment(lines.get(i).strip()))) {
                String line = lines.get(i);
                if (line.startsWith("+")) {
                    content.append(line, 1, line.length()).append(lines.crlf(i) ? "\r\n" : "\n");
                }
                i++;
            }
            if (i < end) {
                String stop = lines.get(i);
                if (stop.isBlank()) {
                    int next = i;
                    while (next < end && lines.get(next).isBlank()) {
                        next++;
                    }
                    if (next < end && lines.get(next).startsWith("+")) {
                        throw error(i, "every line of an added file starts with '+' (a '+' alone for an empty "
                                + "line), found an empty line");
                    }
                } else if (!isHeader(stop.strip())) {
                    throw error(i, "every line of an added file starts with '+', found: " + abbreviate(stop));
                }
            }
            ops.add(new PatchOp.AddFile(path, content.toString(), FileMode.REGULAR, header + 1));
        }

        private void update(String path) {
            int header = i++;
            String moveTo = null;
            if (i < end && lines.get(i).strip().startsWith(MOVE)) {
                moveTo = path(lines.get(i).strip(), MOVE);
                i++;
            }
            List<Hunk> hunks = new ArrayList<>();
            while (i < end) {
                String stripped = lines.get(i).strip();
                if (stripped.isEmpty() || isComment(stripped)) {
                    i++;
                } else if (isHeader(stripped)) {
                    break;
                } else {
                    hunks.add(hunk(path, hunks.isEmpty()));
                }
            }
            if (hunks.isEmpty() && moveTo == null) {
                throw error(header, "*** Update File: " + path + " has no hunks");
            }
            ops.add(new PatchOp.UpdateFile(path, moveTo, List.copyOf(hunks), null, header + 1));
        }

        private Hunk hunk(String path, boolean first) {
            int start = i;
            List<String> anchors = new ArrayList<>();
            while (i < end && lines.get(i).startsWith("@@")) {
                String anchor = anchor(lines.get(i));
                if (!anchor.isEmpty()) {
                    anchors.add(anchor);
                }
                i++;
            }
            if (start == i && !first) {
                throw error(i, lines.get(i).strip().equals(END_OF_FILE)
                        ? "'" + END_OF_FILE + "' must directly follow the last line of a hunk"
                        : "the next hunk of *** Update File: " + path + " must start with '@@', found: "
                                + abbreviate(lines.get(i)));
            }
            List<Line> body = new ArrayList<>();
            boolean endOfFile = false;
            while (i < end) {
                String line = lines.get(i);
                if (line.strip().equals(END_OF_FILE)) {
                    if (body.isEmpty()) {
                        throw error(i, "'" + END_OF_FILE + "' must directly follow the last line of a hunk");
                    }
                    endOfFile = true;
                    i++;
                    break;
                }
                if (line.startsWith("@@") || isHeader(line)) {
                    break;
                }
                if (!isComment(line.strip())) {
                    body.add(hunkLine(path, line));
                }
                i++;
            }
            if (body.isEmpty()) {
                throw error(start, "a hunk of *** Update File: " + path + " has no lines");
            }
            return new Hunk(List.copyOf(anchors), List.copyOf(body), endOfFile, start + 1);
        }

        private Line hunkLine(String path, String line) {
            if (line.isEmpty()) {
                return Line.context("");
            }
            return switch (line.charAt(0)) {
                case ' ' -> Line.context(line.substring(1));
                case '-' -> Line.removed(line.substring(1));
                case '+' -> Line.added(line.substring(1));
                default -> throw error(i, "in *** Update File: " + path + ", each hunk line starts with ' ' "
                        + "(context), '-' (removed) or '+' (added), found: " + abbreviate(line));
            };
        }

        private static String anchor(String line) {
            Matcher unified = UNIFIED_HUNK_HEADER.matcher(line);
            return (unified.matches() ? unified.group(1) : line.substring(2)).strip();
        }

        private String path(String header, String prefix) {
            String path = header.substring(prefix.length()).strip();
            if (path.isEmpty()) {
                throw error(i, "empty path after '" + prefix + "'");
            }
            return path;
        }
    }
}
