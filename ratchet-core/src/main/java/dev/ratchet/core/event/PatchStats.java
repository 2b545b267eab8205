package dev.ratchet.core.event;

import java.util.List;

/** Size of a patch: which files it touches and how many lines it adds and removes. */
public record PatchStats(List<String> files, int linesAdded, int linesRemoved) {

    public static final PatchStats EMPTY = new PatchStats(List.of(), 0, 0);
}
