package dev.ratchet.planner.session.flow;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.ratchet.workspace.Git;

/**
 * The files of a repository at its base commit, as the planning prompt's repository map reads them (core
 * {@code RepoMap}, at most 400 source files): only blobs of at most 256 KiB, by the sizes of one
 * {@code git ls-tree -l}, so a generated bundle or a data file named {@code .js} is never read whole (the
 * executor's {@code max-read-bytes} draws the same line).
 */
final class RepositorySources {

    static final long MAX_BYTES = 256 * 1024;

    private RepositorySources() {
    }

    static Function<String, Optional<String>> at(Path repo, String commit) {
        Map<String, Long> sizes = sizes(repo, commit);
        return path -> sizes.getOrDefault(path, Long.MAX_VALUE) <= MAX_BYTES ? Git.show(repo, commit, path)
                : Optional.empty();
    }

    /** {@code <mode> <type> <object> <size>\t<path>} per entry, NUL-separated; a submodule's size is "-". */
    private static Map<String, Long> sizes(Path repo, String commit) {
        Map<String, Long> sizes = new HashMap<>();
        for (String entry : Git.run(repo, "ls-tree", "-r", "-l", "-z", commit).split("\0")) {
            int tab = entry.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String[] fields = entry.substring(0, tab).trim().split("\\s+");
            String size = fields[fields.length - 1];
            if (fields.length == 4 && size.chars().allMatch(Character::isDigit)) {
                sizes.put(entry.substring(tab + 1), Long.parseLong(size));
            }
        }
        return sizes;
    }
}
