package dev.ratchet.core.patch;

/** What is at a repository path, seen without following a symlink: {@code linkTarget} is set for a symlink only. */
public record PathEntry(String path, Kind kind, String linkTarget) {

    public enum Kind { MISSING, FILE, DIRECTORY, SYMLINK, OTHER }

    public static PathEntry missing(String path) {
        return new PathEntry(path, Kind.MISSING, null);
    }

    public static PathEntry file(String path) {
        return new PathEntry(path, Kind.FILE, null);
    }

    public static PathEntry directory(String path) {
        return new PathEntry(path, Kind.DIRECTORY, null);
    }

    public static PathEntry symlink(String path, String target) {
        return new PathEntry(path, Kind.SYMLINK, target);
    }
}
