package dev.ratchet.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.ratchet.workspace.ProcessRunner;

/**
 * A Maven repository holding exactly what {@code examples/maven-sample} needs to build and test offline, readable by
 * the user checks run as. When the services run as root, checks run as {@code nobody} inside the sandbox and cannot
 * reach root's own repository ({@code /root} is 0700), and the sandbox never gives them a network. So the sample's
 * plugins and test libraries are copied once from the local repository, by Maven itself resolving against it as a
 * {@code file://} mirror (about 12 MB, 46 jars), into a folder every user can read; the scenario's and the
 * benchmark's check then runs {@code mvn -o} against that folder.
 */
public final class MavenSampleRepository {

    public static final String SAMPLE = "maven-sample";
    private static final String MARKER = ".ratchet-primed";
    /** A first resolution copies files only; a minute is ample, three leaves room for a loaded machine. */
    private static final Duration PRIME_TIMEOUT = Duration.ofMinutes(3);

    private MavenSampleRepository() {
    }

    /** The check that builds and tests the sample against {@code repository}, offline. */
    public static String testCommand(Path repository) {
        return "mvn -o -q -B -Dmaven.repo.local=" + repository + " test";
    }

    /**
     * The primed repository, made on the first call: under the state directory when every user can pass through
     * it, else under {@code /var/tmp} (a clone under a 0700 home).
     *
     * @throws IllegalStateException when Maven cannot resolve the sample from the local repository (a machine where
     *         Ratchet has not been built), naming what to run
     */
    public static Path prepare(LocalLayout layout, Consumer<String> out) {
        Path dir = location(layout);
        if (Files.isRegularFile(dir.resolve(MARKER))) {
            return dir;
        }
        Path source = localRepository();
        out.accept("maven: copying what examples/" + SAMPLE + " needs from " + source + " to " + dir
                + " (readable by the user checks run as)");
        try {
            Files.createDirectories(dir);
            Path work = Files.createTempDirectory("ratchet-maven-prime-");
            try {
                Path project = Demo.copySample(layout, SAMPLE, work.resolve(SAMPLE));
                Path settings = Files.writeString(work.resolve("settings.xml"), settings(source));
                // The mirror's id is "central" so that the copied artifacts count as downloaded from central, which
                // is what an offline build asks of them.
                ProcessRunner.Result primed = ProcessRunner.run(List.of("mvn", "-q", "-B", "-s", settings.toString(),
                        "-Dmaven.repo.local=" + dir, "test"), project, PRIME_TIMEOUT, null, 64 * 1024);
                if (!primed.ok()) {
                    throw new IllegalStateException("cannot resolve examples/" + SAMPLE + " from " + source
                            + " (build Ratchet once with `mvn verify`, which downloads what the sample needs): "
                            + primed.output());
                }
            } finally {
                LocalLayout.deleteTree(work);
            }
            readableByAll(dir);
            Files.writeString(dir.resolve(MARKER), "primed from " + source + "\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Maven repository for examples/" + SAMPLE, e);
        }
    }

    /** A copy of the sample in {@code target} (created), committed as a repository of its own. */
    public static Path copyCommitted(LocalLayout layout, Path target) {
        Demo.copySample(layout, SAMPLE, target);
        Demo.commit(target, SAMPLE + ": Ratchet's Maven sample");
        return target;
    }

    static Path location(LocalLayout layout) {
        Path preferred = layout.stateDir().resolve("maven-sample-repository");
        return blockedOnTheWayTo(preferred).isEmpty() ? preferred
                : Path.of("/var/tmp", "ratchet-" + System.getProperty("user.name"), "maven-sample-repository");
    }

    /** Where Maven keeps this user's artifacts: {@code maven.repo.local} when set, else {@code ~/.m2/repository}. */
    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static String settings(Path source) {
        return """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>central</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(source.toUri());
    }

    /** The first existing directory on the way to {@code dir} that other users cannot pass through, if any. */
    static Optional<Path> blockedOnTheWayTo(Path dir) {
        for (Path at = dir.toAbsolutePath(); at != null; at = at.getParent()) {
            try {
                if (Files.isDirectory(at)
                        && !Files.getPosixFilePermissions(at).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return Optional.of(at);
                }
            } catch (IOException e) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    private static void readableByAll(Path dir) throws IOException {
        Set<PosixFilePermission> forDirs = EnumSet.of(PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
        Set<PosixFilePermission> forFiles = EnumSet.of(PosixFilePermission.GROUP_READ,
                PosixFilePermission.OTHERS_READ);
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
                permissions.addAll(Files.isDirectory(path) ? forDirs : forFiles);
                Files.setPosixFilePermissions(path, permissions);
            }
        }
    }
}
