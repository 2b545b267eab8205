package dev.ratchet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.ratchet.workspace.Git;

/** The repository's {@code examples/} folder: sample repositories and the simulated model's scenarios. */
public final class Examples {

    private Examples() {
    }

    public static Path dir() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("examples/scenarios"))) {
                return dir.resolve("examples");
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no examples/ folder above " + System.getProperty("user.dir"));
    }

    public static Path scenario(String name) {
        return dir().resolve("scenarios").resolve(name);
    }

    /**
     * {@link #gitCopy} into {@code target} after emptying it: for a clone at a path fixed in configuration (a hook's
     * repository mapping), which an earlier run left behind.
     */
    public static Path freshGitCopy(String sample, Path target) {
        deleteTree(target);
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target, e);
        }
        return gitCopy(sample, target);
    }

    /** Removes {@code target} and everything under it, if it exists (what an earlier run left behind). */
    public static void deleteTree(Path target) {
        if (Files.exists(target)) {
            try (Stream<Path> files = Files.walk(target)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot empty " + target, e);
            }
        }
    }

    /** A fresh git repository with the sample's files committed, as the demo prepares it. */
    public static Path gitCopy(String sample, Path target) {
        Path source = dir().resolve(sample);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source, e);
        }
        Git.run(target, "init", "-q");
        Git.run(target, "add", "-A");
        Git.run(target, "commit", "-q", "-m", "sample " + sample);
        return target;
    }
}
