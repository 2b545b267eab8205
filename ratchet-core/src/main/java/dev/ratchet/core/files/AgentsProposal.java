package dev.ratchet.core.files;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.json.Json;

/**
 * The AGENTS.md a session proposes for a repository that has none: the build, test and lint commands detected from
 * the repository's top-level files (pom.xml or the Maven wrapper, Gradle, package.json's scripts with the lock file's
 * package manager, pyproject/pytest, go.mod, Cargo.toml, a Makefile's targets), then the checks the session runs.
 * Only the repository's root is looked at, and a file is read only when its name says it is one of these.
 */
public final class AgentsProposal {

    /** One detected command: {@code what} it does (build, test, lint), the command, and the file it came from. */
    public record Command(String what, String command, String from) {
    }

    /** A package.json, pyproject.toml or Makefile larger than this is not read: real ones are a few KiB. */
    public static final int MAX_TEXT = 256 * 1024;

    private static final Pattern MAKE_TARGET = Pattern.compile("(?m)^(build|test|check|lint)\\s*:");

    private AgentsProposal() {
    }

    /**
     * @param files the repository's files (paths relative to its root, {@code /}-separated)
     * @param read a file's text by path; empty when it cannot be read
     */
    public static List<Command> detect(List<String> files, Function<String, Optional<String>> reader) {
        Function<String, Optional<String>> read = f -> reader.apply(f).filter(t -> t.length() <= MAX_TEXT);
        Set<String> root = new LinkedHashSet<>(files.stream().filter(f -> !f.contains("/")).toList());
        List<Command> found = new ArrayList<>();
        if (root.contains("pom.xml")) {
            String mvn = root.contains("mvnw") ? "./mvnw" : "mvn";
            found.add(new Command("build", mvn + " -q -DskipTests package", "pom.xml"));
            found.add(new Command("test", mvn + " -q test", "pom.xml"));
        }
        if (root.contains("build.gradle") || root.contains("build.gradle.kts")) {
            String gradle = root.contains("gradlew") ? "./gradlew" : "gradle";
            String from = root.contains("build.gradle") ? "build.gradle" : "build.gradle.kts";
            found.add(new Command("build", gradle + " assemble", from));
            found.add(new Command("test", gradle + " test", from));
        }
        if (root.contains("package.json")) {
            found.addAll(npm(root, read.apply("package.json").orElse("")));
        }
        python(root, files, read).ifPresent(found::add);
        if (root.contains("go.mod")) {
            found.add(new Command("build", "go build ./...", "go.mod"));
            found.add(new Command("test", "go test ./...", "go.mod"));
            found.add(new Command("lint", "go vet ./...", "go.mod"));
        }
        if (root.contains("Cargo.toml")) {
            found.add(new Command("build", "cargo build", "Cargo.toml"));
            found.add(new Command("test", "cargo test", "Cargo.toml"));
        }
        if (root.contains("Makefile")) {
            Matcher m = MAKE_TARGET.matcher(read.apply("Makefile").orElse(""));
            Set<String> targets = new LinkedHashSet<>();
            while (m.find()) {
                targets.add(m.group(1));
            }
            targets.forEach(t -> found.add(new Command(t.equals("check") ? "test" : t, "make " + t, "Makefile")));
        }
        return List.copyOf(found);
    }

    /** package.json's build, test and lint scripts, run with the package manager its lock file names. */
    private static List<Command> npm(Set<String> root, String packageJson) {
        String runner = root.contains("pnpm-lock.yaml") ? "pnpm" : root.contains("yarn.lock") ? "yarn" : "npm";
        JsonNode scripts;
        try {
            scripts = Json.mapper().readTree(packageJson).path("scripts");
        } catch (JsonProcessingException e) {
            return List.of();
        }
        List<Command> found = new ArrayList<>();
        for (String script : List.of("build", "test", "lint")) {
            if (scripts.path(script).isTextual()) {
                found.add(new Command(script, runner + " run " + script, "package.json"));
            }
        }
        return found;
    }

    /** pytest when the project says so (pytest.ini, conftest.py, or pytest in pyproject.toml), else unittest. */
    private static Optional<Command> python(Set<String> root, List<String> files,
            Function<String, Optional<String>> read) {
        boolean project = root.contains("pyproject.toml") || root.contains("setup.py") || root.contains("setup.cfg");
        boolean pytest = root.contains("pytest.ini") || root.contains("conftest.py") || (root.contains("pyproject.toml")
                && read.apply("pyproject.toml").orElse("").contains("pytest"));
        if (pytest) {
            return Optional.of(new Command("test", "python3 -m pytest", root.contains("pytest.ini") ? "pytest.ini"
                    : root.contains("conftest.py") ? "conftest.py" : "pyproject.toml"));
        }
        boolean tests = files.stream().anyMatch(f -> f.matches("(.*/)?test_[^/]*\\.py"));
        if (project || tests) {
            return Optional.of(new Command("test", "python3 -m unittest discover -s tests -t .",
                    project ? (root.contains("pyproject.toml") ? "pyproject.toml" : "setup.py") : "tests"));
        }
        return Optional.empty();
    }

    /** The proposed file: the commands found and the session's checks, marked as Ratchet's proposal. */
    public static String render(List<Command> commands, List<Check> checks) {
        StringBuilder md = new StringBuilder("# AGENTS.md (proposed by Ratchet)\n\n")
                .append("This repository has no AGENTS.md. Ratchet proposes this one from the files it found; ")
                .append("check it, then commit it as AGENTS.md at the repository's root.\n\n## Build and test\n\n");
        if (commands.isEmpty()) {
            md.append("_No build or test command was found in the repository's root._\n");
        }
        commands.forEach(c -> md.append("- ").append(Character.toUpperCase(c.what().charAt(0)))
                .append(c.what().substring(1)).append(": `").append(c.command()).append("` (from ")
                .append(c.from()).append(")\n"));
        if (!checks.isEmpty()) {
            md.append("\n## Checks every change must pass\n\n");
            checks.forEach(c -> md.append("- ").append(c.name()).append(": `").append(c.command()).append("`\n"));
        }
        return md.toString();
    }
}
