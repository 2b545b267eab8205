package dev.ratchet.core.patch;

/**
 * Reads an edit from a model's (or a person's) answer in whichever of the three {@link EditFormat}s it is written.
 * The answer may wrap the edit in prose or a code fence: the first line that starts an edit decides the format (a
 * {@code *** Begin Patch} line, a {@code <<<<<<< SEARCH} line, a {@code diff --git} line or a {@code ---} line
 * followed by a {@code +++} line).
 */
public final class Edits {

    private Edits() {
    }

    /** @throws PatchFormatException naming the line, when there is no edit or it is malformed */
    public static ChangeSet parse(String answer) {
        AnswerLines lines = AnswerLines.of(answer);
        return switch (detect(lines)) {
            case APPLY_PATCH -> CodexPatchParser.parse(lines);
            case UNIFIED_DIFF -> UnifiedDiffParser.parse(lines);
            case SEARCH_REPLACE -> SearchReplaceParser.parse(lines);
        };
    }

    /** @throws PatchFormatException when the answer holds no edit in any format */
    public static EditFormat detect(String answer) {
        return detect(AnswerLines.of(answer));
    }

    private static EditFormat detect(AnswerLines lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (CodexPatchParser.isBegin(line)) {
                return EditFormat.APPLY_PATCH;
            }
            if (SearchReplaceParser.isSearch(line)) {
                return EditFormat.SEARCH_REPLACE;
            }
            if (UnifiedDiffParser.startsFile(lines, i)) {
                return EditFormat.UNIFIED_DIFF;
            }
        }
        throw new PatchFormatException("no edit in the answer: write an apply_patch envelope ('*** Begin Patch' ... "
                + "'*** End Patch'), a unified diff ('diff --git a/<path> b/<path>', '--- a/<path>', '+++ b/<path>', "
                + "'@@ ... @@' hunks) or SEARCH/REPLACE blocks (the path, then '<<<<<<< SEARCH', '=======', "
                + "'>>>>>>> REPLACE')");
    }
}
