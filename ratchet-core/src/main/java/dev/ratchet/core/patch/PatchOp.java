package dev.ratchet.core.patch;

import java.util.List;

/**
 * One file operation of a {@link ChangeSet}, whatever format it was written in. Paths are as written in the patch,
 * relative to the repository root; {@link PatchPaths} checks and normalises them before anything is read or written.
 * {@code line} is the 1-based line of the answer where the operation starts (0 when it was not parsed from one).
 */
public sealed interface PatchOp {

    String path();

    int line();

    /** A new file; {@code content} is exactly the bytes to write (as UTF-8), final newline included or not. */
    record AddFile(String path, String content, FileMode mode, int line) implements PatchOp {

        public AddFile(String path, String content) {
            this(path, content, FileMode.REGULAR, 0);
        }
    }

    record DeleteFile(String path, int line) implements PatchOp {

        public DeleteFile(String path) {
            this(path, 0);
        }
    }

    /** {@code moveTo} is null unless the file is renamed as well; {@code newMode} is null unless the mode changes. */
    record UpdateFile(String path, String moveTo, List<Hunk> hunks, FileMode newMode, int line) implements PatchOp {

        public UpdateFile(String path, String moveTo, List<Hunk> hunks) {
            this(path, moveTo, hunks, null, 0);
        }
    }

    /**
     * A change inside a file: its lines in patch order (context, removed, added). {@code anchors} are the texts after
     * {@code @@} that narrow where the change is (a class or function line), each searched after the previous one.
     * {@code oldStart} is the 0-based line the old side starts at according to the patch (a unified diff's header),
     * a hint only, or -1. {@code line} is the 1-based line of the answer where the hunk starts.
     */
    record Hunk(List<String> anchors, List<Line> lines, Placement placement, int oldStart, FinalNewline finalNewline,
            int line) {

        /** An apply_patch hunk. */
        public Hunk(List<String> anchors, List<Line> lines, boolean endOfFile, int line) {
            this(anchors, lines, endOfFile ? Placement.AT_END : Placement.IN_ORDER, -1, FinalNewline.KEEP, line);
        }

        /** Context and removed lines: what the file must contain where the hunk applies. */
        public List<String> oldLines() {
            return lines.stream().filter(l -> l.kind() != Line.Kind.ADDED).map(Line::text).toList();
        }

        /** Context and added lines: what the file contains there afterwards. */
        public List<String> newLines() {
            return lines.stream().filter(l -> l.kind() != Line.Kind.REMOVED).map(Line::text).toList();
        }
    }

    /** One line of a hunk, without its line ending. */
    record Line(Kind kind, String text) {

        public enum Kind { CONTEXT, REMOVED, ADDED }

        public static Line context(String text) {
            return new Line(Kind.CONTEXT, text);
        }

        public static Line removed(String text) {
            return new Line(Kind.REMOVED, text);
        }

        public static Line added(String text) {
            return new Line(Kind.ADDED, text);
        }
    }

    /** Where a hunk may match. */
    enum Placement {
        /** After the previous hunk of the same file (apply_patch, unified diffs). */
        IN_ORDER,
        /** In order, and its old lines end the file ({@code *** End of File}, a "no newline" marker). */
        AT_END,
        /** The first match anywhere in the file as the earlier hunks left it (SEARCH/REPLACE blocks). */
        ANYWHERE
    }

    /** What a hunk says about the file's final newline. */
    enum FinalNewline {
        /** Keep what the file has: a file without a final newline stays without one. */
        KEEP,
        /** The old side had no final newline and the new side has one. */
        ADD,
        /** The new side ends without a final newline. */
        REMOVE
    }
}
