package dev.ratchet.core.checks;

import java.util.List;
import java.util.regex.Pattern;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;

/**
 * Counts a lint check's findings: the lines of its output in the compiler/linter convention
 * {@code path:line[:column]: message}, the one gcc, clang, javac, ruff (concise), flake8, eslint
 * ({@code --format unix}), mypy and go vet print. Only checks of the {@code review} and {@code fast} stages are
 * counted: a test runner prints the same shape for a failing assertion ({@code tests/test_cart.py:12:
 * AssertionError}), which is not a lint finding. A passing linter may still print warnings, so a pass is counted too.
 * <p>
 * Conservative by design, so a count never rises for noise: the path must start the line, hold no space and end in
 * a file extension that starts with a letter (a clock {@code 12:30:45} or an address {@code 127.0.0.1:8080} is not a
 * path); a {@code note:} line is the previous finding's explanation (gcc, mypy), not a finding; a line over
 * {@link #MAX_LINE_CHARS} is not read. What other formats print (Maven's {@code [WARNING] File.java:[12,5]}, a
 * JSON report) counts nothing, so such a check reports 0 rather than a guess.
 */
public final class LintFindings {

    /** Longer than any finding a compiler prints (gcc's longest template messages stay under 2,000 characters). */
    static final int MAX_LINE_CHARS = 4096;

    /** gcc and clang colour a terminal's output (SGR codes, and erase-line after each) when asked to. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[mK]");
    private static final Pattern FINDING = Pattern
            .compile("^[^\\s:]*\\.[A-Za-z][A-Za-z0-9]{0,9}:\\d{1,9}(?::\\d{1,9})?:\\s+(?!note:)\\S.*$");

    private LintFindings() {
    }

    /** Whether {@code check}'s output is counted: a command check of the review or fast stage. */
    public static boolean counts(Check check) {
        return check.browser() == null && (check.stage() == Check.Stage.REVIEW || check.stage() == Check.Stage.FAST);
    }

    /** The findings in {@code output}; 0 for null or empty output. */
    public static int count(String output) {
        if (output == null || output.isEmpty()) {
            return 0;
        }
        int findings = 0;
        for (String line : output.split("\r?\n")) {
            if (line.length() <= MAX_LINE_CHARS && FINDING.matcher(ANSI.matcher(line).replaceAll("")).matches()) {
                findings++;
            }
        }
        return findings;
    }

    /** {@code check}'s findings in {@code output} when it is counted ({@link #counts}); null for any other check. */
    public static Integer of(Check check, String output) {
        return counts(check) ? count(output) : null;
    }

    /** A count in words: {@code "1 lint finding"}, {@code "3 lint findings"}, or {@code "no lint count"} for null. */
    public static String describe(Integer findings) {
        return findings == null ? "no lint count" : findings == 1 ? "1 lint finding" : findings + " lint findings";
    }

    /**
     * The findings of a candidate's checks together: the sum over the checks that were counted, null when none was
     * (no lint check, or results older than the count).
     */
    public static Integer total(List<CheckResult> checks) {
        Integer total = null;
        for (CheckResult c : checks) {
            if (c.lintFindings() != null) {
                total = (total == null ? 0 : total) + c.lintFindings();
            }
        }
        return total;
    }
}
