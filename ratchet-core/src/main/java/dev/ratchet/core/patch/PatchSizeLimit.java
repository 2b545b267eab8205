package dev.ratchet.core.patch;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The largest patch a step may produce. A model that rewrites or deletes a large file produces a patch of
 * megabytes; it is refused with a reason a model (or a person) can act on: its size, the limit, the biggest files.
 */
public final class PatchSizeLimit {

    private static final int NAMED_FILES = 3;

    private PatchSizeLimit() {
    }

    /** Why {@code unifiedDiff} is too large, or empty when it fits in {@code maxBytes}. */
    public static Optional<String> check(String unifiedDiff, long maxBytes) {
        long size = unifiedDiff.getBytes(StandardCharsets.UTF_8).length;
        if (size <= maxBytes) {
            return Optional.empty();
        }
        String biggest = perFile(unifiedDiff).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(NAMED_FILES)
                .map(e -> e.getKey() + " (" + human(e.getValue()) + ")").collect(Collectors.joining(", "));
        return Optional.of("the patch is " + human(size) + ", over the " + human(maxBytes)
                + " limit; biggest files: " + biggest + ". Change less per step, or split the step");
    }

    /** Bytes of the diff per file, as {@code git diff} sections ({@code diff --git a/x b/x}) divide it. */
    static Map<String, Long> perFile(String unifiedDiff) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        String file = "(no file header)";
        for (String line : unifiedDiff.split("\n", -1)) {
            if (line.startsWith("diff --git ")) {
                int b = line.lastIndexOf(" b/");
                file = b < 0 ? line.substring(11) : line.substring(b + 3);
            }
            sizes.merge(file, (long) line.getBytes(StandardCharsets.UTF_8).length + 1, Long::sum);
        }
        return sizes;
    }

    /** {@code 2.0 MiB}, {@code 3.5 KiB}, {@code 12 B}: sizes as errors and prompts show them. */
    public static String human(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        if (bytes >= 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return bytes + " B";
    }
}
