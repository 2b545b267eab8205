package dev.ratchet.core.patch;

import java.nio.file.Path;

/** Patch paths must stay inside the workspace: relative, normalised, no parent segments, never under .git. */
final class PatchPaths {

    private PatchPaths() {
    }

    static String checkRelative(String path, int lineNumber) {
        if (path.isEmpty()) {
            throw new PatchFormatException("line " + lineNumber + ": empty path");
        }
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
            throw new PatchFormatException("line " + lineNumber + ": absolute path " + path
                    + " (paths are relative to the repository root)");
        }
        Path normalised = Path.of(path).normalize();
        if (normalised.startsWith("..") || normalised.toString().isEmpty()) {
            throw new PatchFormatException("line " + lineNumber + ": path " + path + " leaves the repository");
        }
        if (normalised.startsWith(".git")) {
            throw new PatchFormatException("line " + lineNumber + ": path " + path + " is inside .git");
        }
        return normalised.toString().replace('\\', '/');
    }
}
