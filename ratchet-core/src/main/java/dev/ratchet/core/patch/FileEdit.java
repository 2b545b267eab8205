package dev.ratchet.core.patch;

import java.util.List;

/**
 * One file operation of a change set as it will be written, once its hunks have been matched: what the guardrails
 * judge. {@code path} is where the content goes (a rename's destination; {@code from} is then its source),
 * {@code content} is null for a delete, {@code added}/{@code removed} count lines as {@code git diff --numstat}
 * does, {@code addedLines} are the lines the patch adds with their numbers in the new content.
 */
public record FileEdit(Kind kind, String path, String from, FileMode mode, String content, int added, int removed,
        List<AddedLine> addedLines) {

    public enum Kind { ADD, DELETE, UPDATE }

    public record AddedLine(int number, String text) {
    }

    public FileEdit {
        addedLines = List.copyOf(addedLines);
    }

    public int changedLines() {
        return added + removed;
    }
}
