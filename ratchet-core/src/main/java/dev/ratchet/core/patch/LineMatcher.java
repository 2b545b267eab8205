package dev.ratchet.core.patch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a hunk's old lines in a file in the order of the reference matcher ({@code seek_sequence.rs} in
 * openai/codex): exactly, then ignoring trailing white space, then ignoring white space around each line, then
 * also with typographic punctuation normalised to ASCII (dashes to {@code -}, quotes to {@code '} and {@code "},
 * odd spaces to a space). Each way is tried over the whole range before the next, looser one. A hunk that must
 * end the file is only tried at the end. White space is Unicode white space (including no-break spaces), as Rust's
 * {@code trim} sees it.
 */
final class LineMatcher {

    static final int PASSES = 4;
    /** Bounds the work of {@link #closest}: enough for a 100,000-line file, never a stall on a pathological one. */
    private static final int MAX_VOTES = 5_000_000;

    private final List<String> lines;
    private final String[][] normalised = new String[PASSES][];
    private Set<String> loosest;

    LineMatcher(List<String> lines) {
        this.lines = lines;
    }

    /**
     * The first index at or after {@code from} where {@code pattern} matches, or -1. With {@code hint} >= 0 the
     * match nearest to the hint wins within each pass; with {@code atEnd} only the last possible index is tried.
     */
    int find(List<String> pattern, int from, boolean atEnd, int hint) {
        if (pattern.isEmpty()) {
            return from;
        }
        int last = lines.size() - pattern.size();
        if (last < 0 || !mayMatch(pattern)) {
            return -1;
        }
        for (int pass = 0; pass < PASSES; pass++) {
            String[] file = normalised(pass);
            String[] want = normalise(pattern, pass);
            if (atEnd) {
                if (matchesAt(file, want, last)) {
                    return last;
                }
            } else if (hint < 0) {
                for (int at = from; at <= last; at++) {
                    if (matchesAt(file, want, at)) {
                        return at;
                    }
                }
            } else {
                int centre = Math.max(from, Math.min(hint, last));
                for (int d = 0; centre - d >= from || centre + d <= last; d++) {
                    if (centre + d <= last && matchesAt(file, want, centre + d)) {
                        return centre + d;
                    }
                    if (d > 0 && centre - d >= from && matchesAt(file, want, centre - d)) {
                        return centre - d;
                    }
                }
            }
        }
        return -1;
    }

    /**
     * The line an {@code @@} anchor names, at or after {@code from}: the reference's four ways first; then, as a
     * last resort the reference does not have, a line that contains the anchor ({@code @@ class Foo} for
     * {@code class Foo(Base):}), as the tool instructions' examples write anchors.
     */
    int findAnchor(String anchor, int from) {
        int at = find(List.of(anchor), from, false, -1);
        if (at >= 0) {
            return at;
        }
        String[] file = normalised(PASSES - 1);
        String want = normalise(anchor, PASSES - 1);
        for (int i = from; i < file.length; i++) {
            if (file[i].contains(want)) {
                return i;
            }
        }
        return -1;
    }

    /** Where the file looks most like {@code pattern}: the start index with most equal lines (loosest way), or -1. */
    int closest(List<String> pattern) {
        String[] file = normalised(PASSES - 1);
        Map<String, List<Integer>> wanted = new HashMap<>();
        for (int k = 0; k < pattern.size(); k++) {
            String line = normalise(pattern.get(k), PASSES - 1);
            if (!line.isEmpty()) {
                wanted.computeIfAbsent(line, key -> new ArrayList<>()).add(k);
            }
        }
        int m = pattern.size();
        int[] votes = new int[file.length + m];
        int cast = 0;
        for (int i = 0; i < file.length && cast < MAX_VOTES; i++) {
            List<Integer> ks = wanted.get(file[i]);
            if (ks != null) {
                for (int k : ks) {
                    votes[i - k + m]++;
                    cast++;
                }
            }
        }
        int best = -1;
        for (int v = 0; v < votes.length; v++) {
            if (votes[v] > 0 && (best < 0 || votes[v] > votes[best])) {
                best = v;
            }
        }
        return best < 0 ? -1 : Math.max(best - m, 0);
    }

    /**
     * Whether every pattern line occurs somewhere in the file the loosest way. Each way is looser than the one before
     * (equal exactly implies equal without trailing white space, and so on), so when a line occurs nowhere no way can
     * match: the search is skipped, and a hunk with a typo costs one pass over the file instead of four.
     */
    private boolean mayMatch(List<String> pattern) {
        if (loosest == null) {
            loosest = new HashSet<>(Arrays.asList(normalised(PASSES - 1)));
        }
        for (String line : pattern) {
            if (!loosest.contains(normalise(line, PASSES - 1))) {
                return false;
            }
        }
        return true;
    }

    private String[] normalised(int pass) {
        if (normalised[pass] == null) {
            normalised[pass] = normalise(lines, pass);
        }
        return normalised[pass];
    }

    private static String[] normalise(List<String> lines, int pass) {
        String[] result = new String[lines.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = normalise(lines.get(i), pass);
        }
        return result;
    }

    private static boolean matchesAt(String[] file, String[] want, int at) {
        for (int k = 0; k < want.length; k++) {
            if (!file[at + k].equals(want[k])) {
                return false;
            }
        }
        return true;
    }

    static String normalise(String line, int pass) {
        return switch (pass) {
            case 0 -> line;
            case 1 -> stripTrailing(line);
            case 2 -> strip(line);
            default -> punctuation(strip(line));
        };
    }

    private static boolean isWhite(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && isWhite(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String strip(String s) {
        String trailing = stripTrailing(s);
        int start = 0;
        while (start < trailing.length() && isWhite(trailing.charAt(start))) {
            start++;
        }
        return trailing.substring(start);
    }

    /** The reference's table: Unicode dashes, quotes and spaces to their ASCII look-alikes. */
    private static String punctuation(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(switch (c) {
                case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> '-';
                case '\u2018', '\u2019', '\u201A', '\u201B' -> '\'';
                case '\u201C', '\u201D', '\u201E', '\u201F' -> '"';
                case '\u00A0', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009',
                        '\u200A', '\u202F', '\u205F', '\u3000' -> ' ';
                default -> c;
            });
        }
        return out.toString();
    }
}
