package dev.ratchet.core.patch;

/** The three ways a model (or a person) can write an edit. */
public enum EditFormat {
    /** The Codex {@code *** Begin Patch} ... {@code *** End Patch} envelope. */
    APPLY_PATCH,
    /** A unified diff as {@code git diff} writes it. */
    UNIFIED_DIFF,
    /** Aider-style {@code <<<<<<< SEARCH} / {@code =======} / {@code >>>>>>> REPLACE} blocks after a path line. */
    SEARCH_REPLACE;

    /** How an operation is named in errors, so that the model recognises what it wrote. */
    public String label(PatchOp op) {
        return switch (this) {
            case APPLY_PATCH -> (op instanceof PatchOp.AddFile ? "*** Add File: "
                    : op instanceof PatchOp.DeleteFile ? "*** Delete File: " : "*** Update File: ") + op.path();
            case UNIFIED_DIFF -> op.path() + " (diff at line " + op.line() + ")";
            case SEARCH_REPLACE -> op.path() + " (SEARCH/REPLACE block at line " + op.line() + ")";
        };
    }
}
