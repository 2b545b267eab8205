package dev.ratchet.core.patch;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link FileTree} held in memory: path to content. */
final class MapFileTree implements FileTree {

    private final Map<String, String> files = new TreeMap<>();

    MapFileTree with(String path, String content) {
        files.put(path, content);
        return this;
    }

    Map<String, String> files() {
        return files;
    }

    String content(String path) {
        return files.get(path);
    }

    @Override
    public Optional<String> read(String path) {
        return Optional.ofNullable(files.get(path));
    }

    @Override
    public void write(String path, String content) {
        files.put(path, content);
    }

    @Override
    public void delete(String path) {
        files.remove(path);
    }
}
