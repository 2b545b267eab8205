package dev.ratchet.core.patch;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A model's answer split into lines for the parsers: lines end at '\n', a '\r' before it is dropped but remembered
 * (a new file written with CRLF keeps CRLF). Errors name lines 1-based, as an editor shows them.
 */
final class AnswerLines {

    /**
     * The largest answer a parser reads: 8 MiB of text. A 5 MB patch (a generated file, a big rename) must work; an
     * answer beyond this is a runaway model, refused before any work is done.
     */
    static final int MAX_CHARS = 8 * 1024 * 1024;

    private final List<String> lines;
    private final BitSet carriageReturn;

    private AnswerLines(List<String> lines, BitSet carriageReturn) {
        this.lines = lines;
        this.carriageReturn = carriageReturn;
    }

    static AnswerLines of(String answer) {
        if (answer == null) {
            throw new PatchFormatException("no answer");
        }
        if (answer.length() > MAX_CHARS) {
            throw new PatchFormatException("the answer is " + answer.length() + " characters, over the limit of "
                    + MAX_CHARS + "; split the change into smaller steps");
        }
        List<String> lines = new ArrayList<>();
        BitSet cr = new BitSet();
        int start = 0;
        while (start <= answer.length()) {
            int nl = answer.indexOf('\n', start);
            int end = nl < 0 ? answer.length() : nl;
            if (end > start && answer.charAt(end - 1) == '\r') {
                cr.set(lines.size());
                end--;
            }
            lines.add(answer.substring(start, end));
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        if (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return new AnswerLines(lines, cr);
    }

    int size() {
        return lines.size();
    }

    /** Line {@code i}, 0-based. */
    String get(int i) {
        return lines.get(i);
    }

    /** Whether line {@code i} ended with "\r\n" in the answer. */
    boolean crlf(int i) {
        return carriageReturn.get(i);
    }

    /** A line as quoted in an error: at most 80 characters. */
    static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }

    /** The error for line {@code i} (0-based): "line N: message". */
    static PatchFormatException error(int i, String message) {
        return new PatchFormatException("line " + (i + 1) + ": " + message);
    }
}
