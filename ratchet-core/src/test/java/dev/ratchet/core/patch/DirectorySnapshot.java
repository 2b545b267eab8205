package dev.ratchet.core.patch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Everything under a directory, links as links, files with their content: to assert that nothing changed. */
public final class DirectorySnapshot {

    private DirectorySnapshot() {
    }

    public static String of(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p) + describe(p)).sorted().toList()
                    .toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Path p) {
        try {
            if (Files.isSymbolicLink(p)) {
                return " -> " + Files.readSymbolicLink(p);
            }
            return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? ": " + Files.readString(p) : "/";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
