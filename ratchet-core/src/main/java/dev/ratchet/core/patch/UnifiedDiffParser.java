package dev.ratchet.core.patch;

import static dev.ratchet.core.patch.AnswerLines.abbreviate;
import static dev.ratchet.core.patch.AnswerLines.error;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ratchet.core.patch.PatchOp.FinalNewline;
import dev.ratchet.core.patch.PatchOp.Hunk;
import dev.ratchet.core.patch.PatchOp.Line;
import dev.ratchet.core.patch.PatchOp.Placement;

/**
 * Parser for unified diffs as {@code git diff} writes them: {@code diff --git} headers with their extended lines
 * (new and deleted files, renames, mode changes, quoted names), {@code ---}/{@code +++} names ({@code a/} and
 * {@code b/} prefixes dropped, {@code /dev/null} for no file, a tab and what follows it ignored), hunks and
 * {@code \ No newline at end of file}. Plain {@code diff -u} output (no {@code diff --git} line) is read too. Lines
 * outside file diffs (prose, code fences) are skipped, as {@code git apply} skips them.
 *
 * <p>The counts in a {@code @@ -l,s +l,s @@} header are used to read lines such as {@code --- x} that belong to a
 * hunk; a hunk shorter or longer than its header says is read as it is (as {@code git apply --recount} does), since
 * models miscount. A bare {@code @@} line starts a hunk without a position. Line numbers are a hint: the hunk
 * matches where its lines are, the nearest place to the hint first. Blank lines between two hunks of a file (a
 * model's, never git's) are skipped. Refused with an error naming the line: binary
 * patches, copies, submodules ({@code 160000}), two different names without rename lines.
 */
final class UnifiedDiffParser {

    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*$");
    private static final Pattern BARE_HUNK = Pattern.compile("^@@\\s*(?:@@.*)?$");

    private final AnswerLines lines;
    private int i;

    private UnifiedDiffParser(AnswerLines lines) {
        this.lines = lines;
    }

    static ChangeSet parse(AnswerLines lines) {
        return new UnifiedDiffParser(lines).parseAll();
    }

    /** Whether line {@code at} starts a file diff: {@code diff --git}, or a {@code ---} line followed by {@code +++}. */
    static boolean startsFile(AnswerLines lines, int at) {
        String line = lines.get(at);
        return line.startsWith("diff --git ")
                || line.startsWith("--- ") && at + 1 < lines.size() && lines.get(at + 1).startsWith("+++ ");
    }

    private ChangeSet parseAll() {
        List<PatchOp> ops = new ArrayList<>();
        while (i < lines.size()) {
            String line = lines.get(i);
            if (startsFile(lines, i)) {
                ops.add(file());
            } else if (isBinary(line)) {
                throw error(i, "a binary patch: binary files cannot be patched, only text files");
            } else if (HUNK.matcher(line).matches()) {
                throw error(i, "a hunk outside a file diff: every hunk follows its file's '--- a/<path>' and "
                        + "'+++ b/<path>' lines, with nothing in between but other hunks");
            } else {
                i++;
            }
        }
        if (ops.isEmpty()) {
            throw new PatchFormatException("no file diff ('diff --git a/<path> b/<path>' or '--- a/<path>' and "
                    + "'+++ b/<path>' lines) in the answer");
        }
        return new ChangeSet(EditFormat.UNIFIED_DIFF, ops);
    }

    private PatchOp file() {
        int at = i;
        DiffHeader header = new DiffHeader();
        if (lines.get(i).startsWith("diff --git ")) {
            header.gitNames(lines.get(i++).substring("diff --git ".length()));
            while (i < lines.size() && header.extended(i, lines.get(i))) {
                i++;
            }
        }
        if (i + 1 < lines.size() && lines.get(i).startsWith("--- ") && lines.get(i + 1).startsWith("+++ ")) {
            header.names(lines.get(i).substring(4), lines.get(i + 1).substring(4));
            i += 2;
        }
        List<Hunk> hunks = new ArrayList<>();
        List<Integer> addedSources = new ArrayList<>();
        while (i < lines.size() && lines.get(i).startsWith("@@")) {
            hunks.add(hunk(addedSources));
            i = blanksBeforeHunk(i);
        }
        if (i < lines.size() && isBinary(lines.get(i))) {
            throw error(i, "a binary patch for " + header.name() + ": binary files cannot be patched, only text "
                    + "files");
        }
        return header.operation(at, hunks, this::content, addedSources);
    }

    /** A new file's content from its added lines, each with the line ending it had in the answer. */
    private String content(List<Hunk> hunks, List<Integer> addedSources) {
        StringBuilder content = new StringBuilder();
        int k = 0;
        for (Hunk hunk : hunks) {
            for (Line line : hunk.lines()) {
                if (line.kind() != Line.Kind.ADDED) {
                    throw error(hunk.line() - 1, "a new file's hunk only adds lines ('+'), found a context or "
                            + "removed line");
                }
                content.append(line.text()).append(lines.crlf(addedSources.get(k++)) ? "\r\n" : "\n");
            }
        }
        Hunk last = hunks.isEmpty() ? null : hunks.get(hunks.size() - 1);
        if (last != null && last.finalNewline() == FinalNewline.REMOVE && content.length() > 0) {
            content.setLength(content.length() - (content.toString().endsWith("\r\n") ? 2 : 1));
        }
        return content.toString();
    }

    private Hunk hunk(List<Integer> addedSources) {
        int at = i;
        String header = lines.get(i);
        Matcher m = HUNK.matcher(header);
        boolean counted = m.matches();
        if (!counted && !BARE_HUNK.matcher(header).matches()) {
            throw error(i, "malformed hunk header, expected '@@ -<line>,<count> +<line>,<count> @@', found: "
                    + abbreviate(header));
        }
        int oldStart = counted ? Integer.parseInt(m.group(1)) : -1;
        int oldCount = counted ? count(m.group(2)) : 0;
        int oldLeft = oldCount;
        int newLeft = counted ? count(m.group(4)) : 0;
        i++;
        List<Line> body = new ArrayList<>();
        boolean oldNoNewline = false;
        boolean newNoNewline = false;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.startsWith("\\")) {
                if (body.isEmpty()) {
                    throw error(i, "'\\ No newline at end of file' must follow a hunk line");
                }
                Line.Kind last = body.get(body.size() - 1).kind();
                oldNoNewline |= last != Line.Kind.ADDED;
                newNoNewline |= last != Line.Kind.REMOVED;
                i++;
                continue;
            }
            boolean inCount = oldLeft > 0 || newLeft > 0;
            if (inCount ? !isBodyLine(line) : !continuesHunk(i)) {
                break;
            }
            Line parsed = line.isEmpty() ? Line.context("") : switch (line.charAt(0)) {
                case '-' -> Line.removed(line.substring(1));
                case '+' -> Line.added(line.substring(1));
                default -> Line.context(line.substring(1));
            };
            if (parsed.kind() == Line.Kind.ADDED) {
                addedSources.add(i);
            }
            oldLeft -= parsed.kind() == Line.Kind.ADDED ? 0 : 1;
            newLeft -= parsed.kind() == Line.Kind.REMOVED ? 0 : 1;
            body.add(parsed);
            i++;
        }
        if (body.isEmpty()) {
            throw error(at, "the hunk has no lines");
        }
        // A hunk without old lines inserts after line oldStart; otherwise its first old line is line oldStart.
        int hint = !counted ? -1 : oldCount == 0 ? oldStart : Math.max(oldStart - 1, 0);
        boolean atEnd = oldNoNewline || newNoNewline;
        FinalNewline finalNewline = newNoNewline ? FinalNewline.REMOVE
                : oldNoNewline ? FinalNewline.ADD : FinalNewline.KEEP;
        return new Hunk(List.of(), List.copyOf(body), atEnd ? Placement.AT_END : Placement.IN_ORDER, hint,
                finalNewline, at + 1);
    }

    /**
     * Where the next hunk starts when only blank lines lie between it and {@code at}: models often put a blank line
     * between the hunks of one file, which {@code git diff} never writes. {@code at} itself otherwise.
     */
    private int blanksBeforeHunk(int at) {
        int next = at;
        while (next < lines.size() && lines.get(next).isEmpty()) {
            next++;
        }
        return next > at && next < lines.size() && lines.get(next).startsWith("@@") ? next : at;
    }

    private static int count(String group) {
        return group == null ? 1 : Integer.parseInt(group);
    }

    private static boolean isBodyLine(String line) {
        return line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '-' || line.charAt(0) == '+';
    }

    /** Past its header's counts, a hunk goes on while lines look like hunk lines and no new file or hunk starts. */
    private boolean continuesHunk(int at) {
        String line = lines.get(at);
        if (line.startsWith("@@") || startsFile(lines, at)) {
            return false;
        }
        if (!line.isEmpty()) {
            return isBodyLine(line);
        }
        int next = at;
        while (next < lines.size() && lines.get(next).isEmpty()) {
            next++;
        }
        return next < lines.size() && !lines.get(next).startsWith("@@") && !startsFile(lines, next)
                && isBodyLine(lines.get(next));
    }

    static boolean isBinary(String line) {
        return line.startsWith("Binary files ") && line.endsWith(" differ") || line.equals("GIT binary patch");
    }
}
