package dev.ratchet.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.files.AgentsProposal.Command;

/** The detector on small repositories made in a temporary folder, and the file it proposes. */
class AgentsProposalTest {

    @TempDir
    Path repo;

    private void write(String path, String text) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private List<Command> detect() throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(repo)) {
            files = walk.filter(Files::isRegularFile).map(p -> repo.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        return AgentsProposal.detect(files, path -> {
            try {
                return Optional.of(Files.readString(repo.resolve(path)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void mavenWithItsWrapper() throws IOException {
        write("pom.xml", "<project/>");
        write("mvnw", "#!/bin/sh");

        assertThat(detect()).containsExactly(new Command("build", "./mvnw -q -DskipTests package", "pom.xml"),
                new Command("test", "./mvnw -q test", "pom.xml"));
    }

    @Test
    void packageJsonScriptsWithTheLockFilesPackageManager() throws IOException {
        write("package.json", "{\"scripts\": {\"test\": \"vitest\", \"lint\": \"eslint .\", \"dev\": \"vite\"}}");
        write("pnpm-lock.yaml", "lockfileVersion: 9");

        assertThat(detect()).containsExactly(new Command("test", "pnpm run test", "package.json"),
                new Command("lint", "pnpm run lint", "package.json"));
    }

    @Test
    void aPackageJsonThatIsNotJsonGivesNothing() throws IOException {
        write("package.json", "{ not json");

        assertThat(detect()).isEmpty();
    }

    @Test
    void pytestFromPyprojectElseUnittestForTestFiles() throws IOException {
        write("pyproject.toml", "[tool.pytest.ini_options]\naddopts = \"-q\"\n");

        assertThat(detect()).containsExactly(new Command("test", "python3 -m pytest", "pyproject.toml"));

        Files.delete(repo.resolve("pyproject.toml"));
        write("tests/test_app.py", "import unittest\n");

        assertThat(detect()).containsExactly(new Command("test", "python3 -m unittest discover -s tests -t .",
                "tests"));
    }

    @Test
    void goModAndMakefileTargets() throws IOException {
        write("go.mod", "module example.com/x\n");
        write("Makefile", "build:\n\tgo build\ncheck: build\n\tgo test ./...\nrelease:\n\ttrue\n");

        assertThat(detect()).containsExactly(new Command("build", "go build ./...", "go.mod"),
                new Command("test", "go test ./...", "go.mod"), new Command("lint", "go vet ./...", "go.mod"),
                new Command("build", "make build", "Makefile"), new Command("test", "make check", "Makefile"));
    }

    @Test
    void filesBelowTheRootAndOversizedOnesAreNotBuildFiles() throws IOException {
        write("sub/pom.xml", "<project/>");
        write("package.json", "{\"scripts\": {\"test\": \"x\"}, \"pad\": \"" + "x".repeat(AgentsProposal.MAX_TEXT)
                + "\"}");

        assertThat(detect()).isEmpty();
    }

    @Test
    void theProposalIsMarkedAndListsCommandsAndChecks() {
        String md = AgentsProposal.render(List.of(new Command("test", "go test ./...", "go.mod")),
                List.of(new Check("unit", "go test ./...", 300)));

        assertThat(md).startsWith("# AGENTS.md (proposed by Ratchet)\n\nThis repository has no AGENTS.md.")
                .contains("## Build and test\n\n- Test: `go test ./...` (from go.mod)\n")
                .endsWith("## Checks every change must pass\n\n- unit: `go test ./...`\n");
        assertThat(AgentsProposal.render(List.of(), List.of()))
                .contains("_No build or test command was found in the repository's root._");
    }
}
