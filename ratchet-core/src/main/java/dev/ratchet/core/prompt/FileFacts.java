package dev.ratchet.core.prompt;

import static dev.ratchet.core.patch.PatchSizeLimit.human;

/**
 * What the executor tells a model about a file it does not show: the path, the size and the kind. A file over the
 * read limit or a binary one is never read whole (not for the prompt, not for a tool), so a 150 MB data file costs
 * one {@code stat}, not the executor's memory.
 */
public record FileFacts(String path, long size, Kind kind) {

    public enum Kind {
        /** UTF-8 text within the read limit. */
        TEXT,
        /** Text (by its first bytes) over the read limit. */
        LARGE_TEXT,
        /** Holds a NUL byte or is not UTF-8. */
        BINARY
    }

    /** e.g. {@code data/big.csv: text, 300.0 KiB, over the 256.0 KiB read limit; not shown}. */
    public String describe(long readLimit) {
        return switch (kind) {
            case TEXT -> path + ": text, " + human(size);
            case LARGE_TEXT -> path + ": text, " + human(size) + ", over the " + human(readLimit)
                    + " read limit; not shown (search does not read it either)";
            case BINARY -> path + ": binary, " + human(size) + "; not shown";
        };
    }
}
