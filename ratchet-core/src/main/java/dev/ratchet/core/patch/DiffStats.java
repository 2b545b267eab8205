package dev.ratchet.core.patch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.ratchet.core.event.PatchStats;

/** Counts what a unified diff (as {@code git diff} writes it) touches. */
public final class DiffStats {

    private DiffStats() {
    }

    public static PatchStats of(String unifiedDiff) {
        if (unifiedDiff == null || unifiedDiff.isBlank()) {
            return PatchStats.EMPTY;
        }
        Set<String> files = new LinkedHashSet<>();
        int added = 0;
        int removed = 0;
        boolean inHunk = false;
        for (String line : unifiedDiff.split("\n")) {
            if (line.startsWith("diff --git ")) {
                int b = line.lastIndexOf(" b/");
                files.add(b < 0 ? line.substring(11) : line.substring(b + 3));
                inHunk = false;
            } else if (line.startsWith("@@")) {
                inHunk = true;
            } else if (inHunk && line.startsWith("+")) {
                added++;
            } else if (inHunk && line.startsWith("-")) {
                removed++;
            }
        }
        return new PatchStats(new ArrayList<>(files), added, removed);
    }
}
