package dev.ratchet.core.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of CommonMark to find checks in a repository's Markdown: ATX headings, fenced code blocks (backticks
 * or tildes, closed by a fence of the same character at least as long) and the lines between them, each with the
 * heading of the section it is in and its line number.
 */
final class Markdown {

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})\\s*([^`\\s]*).*$");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");

    /** A fenced block: its info word ({@code ratchet-checks}, {@code bash}, or empty), its lines, where it opened. */
    record Fence(String info, List<String> lines, int line, boolean closed, String heading) {
    }

    /** A line outside any fence. */
    record Line(String text, int line, String heading) {
    }

    record Document(List<Fence> fences, List<Line> lines) {
    }

    private Markdown() {
    }

    static Document parse(String text) {
        List<Fence> fences = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        String[] all = text.split("\r?\n", -1);
        String heading = "";
        for (int i = 0; i < all.length; i++) {
            Matcher fence = FENCE.matcher(all[i]);
            if (fence.matches()) {
                String marker = fence.group(1);
                int start = i;
                List<String> content = new ArrayList<>();
                boolean closed = false;
                for (i = i + 1; i < all.length; i++) {
                    String stripped = all[i].strip();
                    if (stripped.length() >= marker.length()
                            && stripped.chars().allMatch(c -> c == marker.charAt(0))) {
                        closed = true;
                        break;
                    }
                    content.add(all[i]);
                }
                fences.add(new Fence(fence.group(2), List.copyOf(content), start + 1, closed, heading));
                continue;
            }
            Matcher h = HEADING.matcher(all[i]);
            if (h.matches()) {
                heading = h.group(1);
            }
            lines.add(new Line(all[i], i + 1, heading));
        }
        return new Document(List.copyOf(fences), List.copyOf(lines));
    }
}
