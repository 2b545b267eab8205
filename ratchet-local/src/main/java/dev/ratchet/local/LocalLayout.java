package dev.ratchet.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the local cluster finds what it runs (the services' packaged apps, its own classpath, the examples) and
 * where it keeps its state: {@code .ratchet/} in the repository, ignored by git.
 */
public record LocalLayout(Path home) {

    public static LocalLayout fromEnvironment() {
        String home = System.getProperty("ratchet.home", System.getenv().getOrDefault("RATCHET_HOME", "."));
        return new LocalLayout(Path.of(home).toAbsolutePath().normalize());
    }

    public Path serviceJar(String service) {
        return home.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The launcher's own classpath (written by the build), used to start the broker as a child JVM. */
    public String launcherClasspath() {
        Path file = home.resolve("ratchet-local/target/launcher.classpath");
        try {
            return home.resolve("ratchet-local/target/classes") + java.io.File.pathSeparator + Files.readString(file)
                    .strip();
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + file + ": build the project first (./ratchet builds it)", e);
        }
    }

    public Path examples() {
        return home.resolve("examples");
    }

    public Path stateDir() {
        return home.resolve(".ratchet");
    }

    /** The running `./ratchet up` cluster's addresses. */
    public Path clusterFile() {
        return stateDir().resolve("cluster.json");
    }

    /** Where {@code ./ratchet up} and {@code ./ratchet demo} keep their cluster's state across runs. */
    public Path localDir() {
        return stateDir().resolve("local");
    }

    /** Deletes a directory tree, if it exists. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
