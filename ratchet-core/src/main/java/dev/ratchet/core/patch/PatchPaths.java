package dev.ratchet.core.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Patch paths as text: relative to the repository root, '/' between directories, no {@code ..} segment anywhere
 * (even {@code a/../b}: {@code a} may be a symlink, so the segment is refused rather than resolved). Symlinks are
 * the business of a {@link RepoView}; this class never touches the filesystem.
 */
public final class PatchPaths {

    private PatchPaths() {
    }

    /** Why {@code path} cannot name a file in the repository, or empty when it can. */
    public static Optional<String> problem(String path) {
        if (path == null || path.isBlank()) {
            return Optional.of("empty path");
        }
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) < 0x20 || path.charAt(i) == 0x7f) {
                return Optional.of("path " + quoted(path) + " contains a control character");
            }
        }
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
            return Optional.of("absolute path " + path + " (paths are relative to the repository root)");
        }
        if (path.indexOf('\\') >= 0) {
            return Optional.of("path " + path + " contains '\\' (write '/' between directories)");
        }
        if (segments(path).contains("..")) {
            return Optional.of("path " + path + " leaves the repository ('..' is not allowed in a path)");
        }
        if (segments(path).isEmpty()) {
            return Optional.of("path " + path + " names no file");
        }
        return Optional.empty();
    }

    /** The normal form of a path that has no {@link #problem}: no {@code .} or empty segments. */
    public static String normalise(String path) {
        problem(path).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return String.join("/", segments(path));
    }

    /** {@code a/b/c} to {@code a}, {@code a/b}: the directories a path goes through, outermost first. */
    public static List<String> ancestors(String normalPath) {
        List<String> result = new ArrayList<>();
        for (int slash = normalPath.indexOf('/'); slash >= 0; slash = normalPath.indexOf('/', slash + 1)) {
            result.add(normalPath.substring(0, slash));
        }
        return result;
    }

    /**
     * The check {@link ApplyPatch#parse} has always made, for callers without guardrails: a {@link #problem}, or a
     * path under {@code .git} (any letter case), is a format error naming the line.
     */
    static String checkRelative(String path, int lineNumber) {
        Optional<String> problem = problem(path);
        if (problem.isPresent()) {
            throw new PatchFormatException("line " + lineNumber + ": " + problem.get());
        }
        String normal = normalise(path);
        if (normal.split("/")[0].equalsIgnoreCase(".git")) {
            throw new PatchFormatException("line " + lineNumber + ": path " + path + " is inside .git");
        }
        return normal;
    }

    private static List<String> segments(String path) {
        List<String> result = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                result.add(segment);
            }
        }
        return result;
    }

    private static String quoted(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
