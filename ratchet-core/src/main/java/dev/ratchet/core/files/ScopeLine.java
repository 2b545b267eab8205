package dev.ratchet.core.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ratchet.core.plan.PlanScope;

/**
 * A structured step's scope as PLAN.md shows it under the step's instructions, and read back when a session resumes
 * from the file: {@code _Files: `a.py`, `b c.py`; new: `d.py`; checks: unit; ~2400 tokens; at most 60 changed
 * lines_}. Paths are Markdown code spans, fenced with one backtick more than the longest run inside (and padded with a
 * space when they start or end with one), so any name reads back: a {@code ;}, {@code ,}, {@code _} or backtick in
 * it, and with {@code \}, line breaks, tabs and other control characters written as {@code \\}, {@code \n},
 * {@code \t}, {@code \r}, {@code \u001b}. A check name that is not plain letters, digits, {@code .}, {@code _} and
 * {@code -} is a code span too.
 */
final class ScopeLine {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern TOKENS = Pattern.compile("~(\\d{1,9}) tokens");
    private static final Pattern LINES = Pattern.compile("at most (\\d{1,9}) changed lines");

    private ScopeLine() {
    }

    static String render(PlanScope scope) {
        List<String> parts = new ArrayList<>();
        if (!scope.files().isEmpty()) {
            parts.add("Files: " + list(scope.files(), true));
        }
        if (!scope.newFiles().isEmpty()) {
            parts.add("new: " + list(scope.newFiles(), true));
        }
        if (!scope.checks().isEmpty()) {
            parts.add("checks: " + list(scope.checks(), false));
        }
        if (scope.estimatedTokens() != null) {
            parts.add("~" + scope.estimatedTokens() + " tokens");
        }
        if (scope.maxChangedLines() != null) {
            parts.add("at most " + scope.maxChangedLines() + " changed lines");
        }
        return "_" + String.join("; ", parts) + "_";
    }

    /** Whether {@code line} (without its indent) is where PLAN.md puts a scope. */
    static boolean looksLikeOne(String line) {
        return line.length() >= 2 && line.startsWith("_") && line.endsWith("_");
    }

    /**
     * @throws IllegalArgumentException saying what in the line is not a scope this class renders
     */
    static PlanScope parse(String line) {
        if (!looksLikeOne(line)) {
            throw new IllegalArgumentException("a scope line is \"_..._\"");
        }
        Cursor c = new Cursor(line.substring(1, line.length() - 1));
        List<String> files = c.take("Files: ") ? c.list() : List.of();
        List<String> newFiles = c.part("new: ") ? c.list() : List.of();
        List<String> checks = c.part("checks: ") ? c.list() : List.of();
        Integer tokens = c.part("~") ? c.number(TOKENS, "~") : null;
        Integer lines = c.part("at most ") ? c.number(LINES, "at most ") : null;
        if (!c.atEnd()) {
            throw new IllegalArgumentException("unexpected \"" + c.rest() + "\"");
        }
        PlanScope scope = new PlanScope(files, newFiles, checks, tokens, lines);
        if (scope.isEmpty()) {
            throw new IllegalArgumentException("the scope line names nothing");
        }
        return scope;
    }

    private static String list(List<String> items, boolean alwaysCode) {
        List<String> shown = new ArrayList<>();
        for (String item : items) {
            shown.add(!alwaysCode && PLAIN.matcher(item).matches() ? item : code(escape(item)));
        }
        return String.join(", ", shown);
    }

    /** A CommonMark code span holding {@code text} exactly. */
    private static String code(String text) {
        int longest = 0;
        Matcher runs = Pattern.compile("`+").matcher(text);
        while (runs.find()) {
            longest = Math.max(longest, runs.group().length());
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = text.startsWith("`") || text.endsWith("`")
                || text.length() > 1 && text.startsWith(" ") && text.endsWith(" ") && !text.isBlank();
        return pad ? fence + " " + text + " " + fence : fence + text + fence;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(ch < 0x20 || ch == 0x7f ? String.format("\\u%04x", (int) ch) : ch);
            }
        }
        return out.toString();
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch != '\\') {
                out.append(ch);
                continue;
            }
            char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            switch (next) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    if (i + 6 > text.length() || !text.substring(i + 2, i + 6).matches("[0-9a-f]{4}")) {
                        throw new IllegalArgumentException("a bad escape in \"" + text + "\"");
                    }
                    out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("a bad escape in \"" + text + "\"");
            }
            i++;
        }
        return out.toString();
    }

    /** Reads the line left to right, part by part, in the order {@link #render} writes them. */
    private static final class Cursor {

        private final String text;
        private int at;

        Cursor(String text) {
            this.text = text;
        }

        boolean take(String prefix) {
            if (text.startsWith(prefix, at)) {
                at += prefix.length();
                return true;
            }
            return false;
        }

        /** The next part, after the "; " that ends the one before (none before it at the start). */
        boolean part(String prefix) {
            if (at == 0) {
                return take(prefix);
            }
            if (text.startsWith("; " + prefix, at)) {
                at += 2 + prefix.length();
                return true;
            }
            return false;
        }

        List<String> list() {
            List<String> items = new ArrayList<>();
            do {
                items.add(text.startsWith("`", at) ? code() : plain());
            } while (take(", "));
            return items;
        }

        private String code() {
            int open = at;
            while (at < text.length() && text.charAt(at) == '`') {
                at++;
            }
            String fence = text.substring(open, at);
            int close = at;
            while (true) {
                close = text.indexOf(fence, close);
                if (close < 0) {
                    throw new IllegalArgumentException("an unclosed " + fence + " at \"" + text.substring(open)
                            + "\"");
                }
                int end = close + fence.length();
                if (end < text.length() && text.charAt(end) == '`') {
                    // a longer run of backticks is part of the content, not the closing fence
                    while (end < text.length() && text.charAt(end) == '`') {
                        end++;
                    }
                    close = end;
                    continue;
                }
                String content = text.substring(at, close);
                at = end;
                if (content.length() > 2 && content.startsWith(" ") && content.endsWith(" ") && !content.isBlank()) {
                    content = content.substring(1, content.length() - 1);
                }
                return unescape(content);
            }
        }

        private String plain() {
            int end = at;
            while (end < text.length() && !text.startsWith(", ", end) && !text.startsWith("; ", end)) {
                end++;
            }
            String item = text.substring(at, end);
            if (!PLAIN.matcher(item).matches()) {
                throw new IllegalArgumentException("\"" + item + "\" is neither a code span nor a plain name");
            }
            at = end;
            return item;
        }

        Integer number(Pattern pattern, String prefix) {
            at -= prefix.length();
            Matcher m = pattern.matcher(text);
            m.region(at, text.length());
            if (!m.lookingAt()) {
                throw new IllegalArgumentException("unexpected \"" + rest() + "\"");
            }
            at = m.end();
            int value = Integer.parseInt(m.group(1));
            if (value < 1) {
                throw new IllegalArgumentException("\"" + m.group() + "\" is not a positive number");
            }
            return value;
        }

        boolean atEnd() {
            return at == text.length();
        }

        String rest() {
            return text.substring(at);
        }
    }
}
