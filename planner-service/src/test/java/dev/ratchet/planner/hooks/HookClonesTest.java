package dev.ratchet.planner.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.testing.Examples;
import dev.ratchet.workspace.Git;

/**
 * A clone Ratchet keeps for a repository mapped with a clone URL, against a real remote repository (a local one,
 * reached through a {@code file://} URL as git reaches any other).
 */
class HookClonesTest {

    @TempDir
    Path dir;

    Path origin;
    String url;
    Path clone;
    final HookClones clones = new HookClones();

    @BeforeEach
    void remote() {
        origin = Examples.freshGitCopy("textstats", dir.resolve("origin"));
        url = origin.toUri().toString();
        clone = dir.resolve("kept/octo-repo");
    }

    private String commitOnOrigin(String file) throws IOException {
        Files.writeString(origin.resolve(file), "new\n");
        Git.run(origin, "add", file);
        Git.run(origin, "commit", "-q", "-m", "add " + file);
        return Git.headCommit(origin);
    }

    @Test
    void aMissingCloneIsClonedAndAnEventNamingNoCommitGetsTheDefaultBranchAsFetchedNow() throws IOException {
        clones.prepare(clone.toString(), Optional.of(url), null);
        assertThat(Git.headCommit(clone)).isEqualTo(Git.headCommit(origin));

        String later = commitOnOrigin("later.txt");
        clones.prepare(clone.toString(), Optional.of(url), null);

        assertThat(Git.headCommit(clone)).isEqualTo(later);
    }

    @Test
    void theCommitOrPullRequestRefAnEventNamesIsFetchedBeforeTheSession() throws IOException {
        clones.prepare(clone.toString(), Optional.of(url), null);
        String pushed = commitOnOrigin("pushed.txt");
        String head = commitOnOrigin("pr.txt");
        Git.run(origin, "update-ref", "refs/pull/7/head", head);
        Git.run(origin, "reset", "-q", "--hard", "HEAD~2");

        clones.prepare(clone.toString(), Optional.of(url), pushed);
        clones.prepare(clone.toString(), Optional.of(url), "refs/pull/7/head");

        assertThat(Git.run(clone, "rev-parse", pushed + "^{commit}").strip()).isEqualTo(pushed);
        assertThat(Git.run(clone, "rev-parse", "refs/pull/7/head").strip()).isEqualTo(head);
    }

    @Test
    void withoutACloneUrlThePathIsUsedAsItIsAndNothingRuns() {
        clones.prepare(dir.resolve("not-there").toString(), Optional.empty(), "refs/pull/1/head");

        assertThat(dir.resolve("not-there")).doesNotExist();
    }

    @Test
    void aRevisionThatCouldBeAnOptionIsRefusedAndAnUnreachableRemoteIsA502() {
        assertThatThrownBy(() -> clones.prepare(clone.toString(), Optional.of(url), "--upload-pack=touch /tmp/x"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).extracting(v -> v.field()).containsExactly("revision");
                });
        assertThatThrownBy(() -> clones.prepare(clone.toString(), Optional.of(dir.resolve("nowhere").toUri()
                .toString()), null)).isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).startsWith("the clone of file://").contains("git clone failed");
                });
        assertThat(clone).doesNotExist();
    }
}
