package dev.ratchet.core.guardrail;

import com.fasterxml.jackson.annotation.JsonValue;

/** Every guardrail rule, by the stable name that tool results, verdicts and docs/ARCHITECTURE.md use. */
public enum Rule {
    /** A path that is absolute, holds {@code ..} or goes through a symlink. */
    PATH_ESCAPE("path-escape"),
    /** The patch creates a symlink (a unified diff's mode 120000). */
    SYMLINK("symlink"),
    FORBIDDEN_PATH("forbidden-path"),
    READ_ONLY_PATH("read-only-path"),
    OUTSIDE_ALLOWED("outside-allowed"),
    NO_DELETES("no-deletes"),
    MAX_NEW_FILES("max-new-files"),
    MAX_CHANGED_LINES("max-changed-lines"),
    MAX_FILE_CHANGED_LINES("max-file-changed-lines"),
    BINARY_FILE("binary-file"),
    SECRET("secret");

    private final String id;

    Rule(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
