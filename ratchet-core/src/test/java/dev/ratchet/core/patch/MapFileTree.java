package dev.ratchet.core.patch;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A repository held in memory: files (path to content), symlinks (path to target) and executable bits. */
public final class MapFileTree implements FileTree, RepoView, FileModes {

    private final Map<String, String> files = new TreeMap<>();
    private final Map<String, String> links = new TreeMap<>();
    private final Set<String> executables = new TreeSet<>();

    public MapFileTree with(String path, String content) {
        files.put(path, content);
        return this;
    }

    public MapFileTree withLink(String path, String target) {
        links.put(path, target);
        return this;
    }

    public Map<String, String> files() {
        return files;
    }

    public String content(String path) {
        return files.get(path);
    }

    /** Everything the tree holds, for asserting that nothing changed. */
    public String snapshot() {
        return files + " " + links + " " + executables;
    }

    @Override
    public Optional<String> read(String path) {
        PathEntry entry = entry(path);
        return entry.path().equals(path) && entry.kind() == PathEntry.Kind.FILE ? Optional.of(files.get(path))
                : Optional.empty();
    }

    @Override
    public void write(String path, String content) {
        files.put(path, content);
    }

    @Override
    public void delete(String path) {
        files.remove(path);
        links.remove(path);
        executables.remove(path);
    }

    @Override
    public PathEntry lstat(String path) {
        if (links.containsKey(path)) {
            return PathEntry.symlink(path, links.get(path));
        }
        if (files.containsKey(path)) {
            return PathEntry.file(path);
        }
        String prefix = path + "/";
        boolean directory = files.keySet().stream().anyMatch(p -> p.startsWith(prefix))
                || links.keySet().stream().anyMatch(p -> p.startsWith(prefix));
        return directory ? PathEntry.directory(path) : PathEntry.missing(path);
    }

    @Override
    public boolean isExecutable(String path) {
        return executables.contains(path);
    }

    @Override
    public void setExecutable(String path, boolean executable) {
        if (executable) {
            executables.add(path);
        } else {
            executables.remove(path);
        }
    }
}
