package dev.ratchet.core.event;

/**
 * What the cleanup pass did with a verified candidate ({@code cleanup} of {@code step.verified}, absent when the
 * session runs none): {@value #APPLIED} (the fixer changed files and every check passed again: the verdict's patch
 * holds the candidate's change and the fixer's), {@value #UNCHANGED} (the fixer changed nothing) or
 * {@value #DISCARDED} (the candidate's own patch is kept; {@code reason} says why). A cleanup never rejects a step.
 *
 * @param name the fixer's name
 * @param changedLines lines the fixer added plus removed on top of the candidate (0 when it changed nothing or its
 *        change could not be read)
 * @param durationMs how long the fixer ran (the checks run again are in the verdict's {@code checks})
 */
public record CleanupResult(String name, String status, String reason, int changedLines, long durationMs) {

    public static final String APPLIED = "applied";
    public static final String UNCHANGED = "unchanged";
    public static final String DISCARDED = "discarded";

    public boolean applied() {
        return APPLIED.equals(status);
    }

    /** In words, for PROGRESS.md and VERIFY.md: {@code cleanup ruff: applied (+3 lines)}. */
    public String summary() {
        String what = switch (status) {
            case APPLIED -> "applied (" + changedLines + " changed lines)";
            case UNCHANGED -> "no changes";
            default -> "discarded: " + reason;
        };
        return "cleanup " + name + ": " + what;
    }
}
