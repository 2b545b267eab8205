package dev.ratchet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.ratchet.local.LocalLayout;

/** Where the benchmark writes, and its own classpath (written by the build). */
public final class BenchLayout {

    private BenchLayout() {
    }

    static String classpath(LocalLayout layout) {
        Path file = layout.home().resolve("bench/target/bench.classpath");
        try {
            return layout.home().resolve("bench/target/classes") + java.io.File.pathSeparator
                    + Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + file + ": build the project first", e);
        }
    }

    /** Full runs are evidence and are kept in the repository; quick (CI smoke) runs are not. */
    public static Path resultsDir(LocalLayout layout, boolean quick) {
        Path results = layout.home().resolve("bench/results");
        return quick ? results.resolve("quick") : results;
    }

    public static Path markdown(LocalLayout layout, boolean quick) {
        return quick ? resultsDir(layout, true).resolve("BENCHMARKS.md")
                : layout.home().resolve("docs/BENCHMARKS.md");
    }
}
