package dev.ratchet.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoRootsTest {

    @TempDir
    Path dir;

    @Test
    void repositoryUnderOneOfTheRootsIsAllowed() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("team-a/service"));

        assertThat(RepoRoots.violation("a", repo, List.of(dir.resolve("elsewhere").toString(),
                dir.resolve("team-a").toString()))).isEmpty();
    }

    @Test
    void dotDotOutOfTheRootIsResolvedBeforeComparing() throws IOException {
        Files.createDirectories(dir.resolve("team-a"));
        Path other = Files.createDirectories(dir.resolve("team-b/service")).toRealPath();

        assertThat(RepoRoots.violation("a", dir.resolve("team-a/../team-b/service"),
                List.of(dir.resolve("team-a").toString())))
                .hasValueSatisfying(v -> assertThat(v).contains("resolves to " + other)
                        .contains("team a's repository roots"));
    }

    @Test
    void linkFromTheRootIntoAnotherTeamsCheckoutIsRefused() throws IOException {
        Path rootA = Files.createDirectories(dir.resolve("team-a"));
        Path checkoutB = Files.createDirectories(dir.resolve("team-b/service"));
        Path link = Files.createSymbolicLink(rootA.resolve("borrowed"), checkoutB);

        assertThat(RepoRoots.violation("a", link, List.of(rootA.toString()))).isPresent();
    }

    @Test
    void prefixOfADirectoryNameIsNotARoot() throws IOException {
        Files.createDirectories(dir.resolve("team"));
        Path repo = Files.createDirectories(dir.resolve("team-b"));

        assertThat(RepoRoots.violation("a", repo, List.of(dir.resolve("team").toString()))).isPresent();
    }

    @Test
    void teamWithoutRootsMayUseNoRepository() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));

        assertThat(RepoRoots.violation("a", repo, List.of())).contains(
                "team a has no repository roots (ratchet.teams.a.repo-roots), so it may use no repository");
    }

    @Test
    void missingRootAllowsNothingButTheOthersStillCount() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("real/repo"));

        assertThat(RepoRoots.violation("a", repo, List.of(dir.resolve("missing").toString(), "\0bad",
                dir.resolve("real").toString()))).isEmpty();
        assertThat(RepoRoots.violation("a", repo, List.of(dir.resolve("missing").toString()))).isPresent();
    }
}
