package dev.ratchet.core.patch;

import java.util.List;

/** One file operation of an apply_patch envelope. Paths are relative to the workspace root. */
public sealed interface PatchOp {

    String path();

    record AddFile(String path, String content) implements PatchOp {
    }

    record DeleteFile(String path) implements PatchOp {
    }

    /** {@code moveTo} is null unless the file is renamed as well. */
    record UpdateFile(String path, String moveTo, List<Hunk> hunks) implements PatchOp {
    }

    /**
     * A change inside a file. {@code anchors} are the texts after {@code @@} that narrow where the change is (a class
     * or function line); {@code oldLines} is context plus removed lines, {@code newLines} context plus added lines.
     */
    record Hunk(List<String> anchors, List<String> oldLines, List<String> newLines, boolean endOfFile) {
    }
}
