package dev.ratchet.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.core.patch.ApplyPatch;
import dev.ratchet.core.patch.PatchApplier;
import dev.ratchet.core.timing.PhaseClock;

class WorkspacesTest {

    private static final String HELLO = """
            *** Begin Patch
            *** Update File: app.py
            @@ def greet():
            -    return 'hi'
            +    return 'hello'
            *** Add File: test_app.py
            +from app import greet
            *** End Patch""";

    @TempDir
    Path tmp;

    Path repo;
    String base;
    Workspaces workspaces;

    @BeforeEach
    void createRepository() throws IOException {
        repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("app.py"), "def greet():\n    return 'hi'\n");
        Files.writeString(repo.resolve("AGENTS.md"), "# Agents\nRun the tests.\n");
        Git.run(repo, "init", "-q");
        Git.run(repo, "add", "-A");
        Git.run(repo, "commit", "-q", "-m", "initial");
        base = Git.headCommit(repo);
        workspaces = new Workspaces(tmp.resolve("work"), Duration.ofMinutes(30));
    }

    @Test
    void recognisesRepositories() throws IOException {
        assertThat(Git.isRepository(repo)).isTrue();
        assertThat(Git.isRepository(Files.createDirectories(tmp.resolve("plain")))).isFalse();
        assertThat(Git.isRepository(tmp.resolve("missing"))).isFalse();
        Path sub = Files.createDirectories(repo.resolve("sub"));
        assertThat(Git.isRepository(sub)).as("a sub-directory is not the top of a work tree").isFalse();
        assertThat(Git.listFiles(repo, base)).containsExactly("AGENTS.md", "app.py");
        assertThat(Git.show(repo, base, "AGENTS.md")).contains("# Agents\nRun the tests.\n");
        assertThat(Git.show(repo, base, "NOPE.md")).isEmpty();
    }

    @Test
    void executorPatchAppliesInAnotherWorkspaceAndChainsForward() {
        String first = producePatch(List.of(), """
                *** Begin Patch
                *** Update File: app.py
                @@ def greet():
                -    return 'hi'
                +    return 'hello'
                *** Add File: test_app.py
                +from app import greet
                *** End Patch""");
        assertThat(first).contains("diff --git a/app.py b/app.py").contains("+    return 'hello'");

        try (Workspace verifier = workspaces.lease("s-verify", repo.toString(), base, List.of())) {
            assertThat(verifier.tryApply(first)).isEmpty();
            assertThat(verifier.read("app.py")).contains("def greet():\n    return 'hello'\n");
            assertThat(verifier.read("test_app.py")).contains("from app import greet\n");
        }

        String second = producePatch(List.of(first), """
                *** Begin Patch
                *** Update File: app.py
                @@
                     return 'hello'
                +
                +def part():
                +    return 'bye'
                *** End Patch""");
        try (Workspace at2 = workspaces.lease("s-verify", repo.toString(), base, List.of(first, second))) {
            assertThat(at2.read("app.py").orElseThrow()).contains("return 'hello'").contains("def part()");
            assertThat(at2.trackedFiles()).contains("app.py", "test_app.py", "AGENTS.md");
        }
        try (Workspace back = workspaces.lease("s-verify", repo.toString(), base, List.of())) {
            assertThat(back.read("app.py")).contains("def greet():\n    return 'hi'\n");
            assertThat(back.read("test_app.py")).isEmpty();
        }
    }

    @Test
    void patchThatDoesNotFitIsReportedNotApplied() {
        String patch = producePatch(List.of(), """
                *** Begin Patch
                *** Update File: app.py
                -    return 'hi'
                +    return 'hey'
                *** End Patch""");
        String other = producePatch(List.of(), """
                *** Begin Patch
                *** Update File: app.py
                -    return 'hi'
                +    return 'yo'
                *** End Patch""");
        try (Workspace ws = workspaces.lease("s-conflict", repo.toString(), base, List.of(patch))) {
            assertThat(ws.tryApply(other)).hasValueSatisfying(why -> assertThat(why).contains("app.py"));
            assertThat(ws.read("app.py")).contains("def greet():\n    return 'hey'\n");
        }
        assertThatThrownBy(() -> workspaces.lease("s-conflict", repo.toString(), base, List.of(patch, other)))
                .isInstanceOf(GitException.class).hasMessageContaining("apply");
    }

    @Test
    void concurrentLeasesOfOneSessionGetSeparateClones() {
        try (Workspace a = workspaces.lease("s-par", repo.toString(), base, List.of());
                Workspace b = workspaces.lease("s-par", repo.toString(), base, List.of())) {
            assertThat(a.dir()).isNotEqualTo(b.dir());
        }
    }

    @Test
    void idleSessionsLoseTheirClonesLeasedOnesKeepThem() {
        Workspaces eager = new Workspaces(tmp.resolve("eager"), Duration.ZERO);
        Workspace held = eager.lease("s-held", repo.toString(), base, List.of());
        eager.lease("s-idle", repo.toString(), base, List.of()).close();
        assertThat(eager.root().resolve("s-idle")).exists();

        eager.lease("s-next", repo.toString(), base, List.of()).close();

        assertThat(eager.root().resolve("s-idle")).doesNotExist();
        assertThat(eager.root().resolve("s-held")).exists();
        assertThat(eager.sessions()).contains("s-held", "s-next").doesNotContain("s-idle");
        held.close();
    }

    @Test
    void theVerifiersAppliedPatchBecomesTheNextStateByOneCommit() {
        String first = producePatch(List.of(), HELLO);
        try (Workspace verifier = workspaces.lease("s-fast", repo.toString(), base, List.of())) {
            assertThat(verifier.tryApply(first)).isEmpty();
        }

        try (PhaseClock clock = PhaseClock.start();
                Workspace next = workspaces.lease("s-fast", repo.toString(), base, List.of(first))) {
            assertThat(clock.processCounts()).as("a commit alone: no checkout, apply or clean")
                    .containsExactly(Map.entry("git", 1L));
            assertThat(next.read("app.py")).contains("def greet():\n    return 'hello'\n");
            assertThat(next.trackedFiles()).contains("test_app.py");
            assertThat(Git.run(next.dir(), "status", "--porcelain", "--ignored")).as("nothing left to clean").isEmpty();
        }
    }

    @Test
    void theExecutorsOwnDiffBecomesTheNextStateAndItsIgnoredFilesGo() throws IOException {
        Files.writeString(repo.resolve(".gitignore"), "build/\n");
        Git.run(repo, "add", "-A");
        Git.run(repo, "commit", "-q", "-m", "ignore build");
        String start = Git.headCommit(repo);
        String diff;
        try (Workspace executor = workspaces.lease("s-exec-fast", repo.toString(), start, List.of())) {
            PatchApplier.apply(ApplyPatch.parse(HELLO), executor.tree());
            Files.createDirectories(executor.dir().resolve("build"));
            Files.writeString(executor.dir().resolve("build/out.txt"), "left by the model\n");
            diff = executor.diff();
        }

        try (PhaseClock clock = PhaseClock.start();
                Workspace next = workspaces.lease("s-exec-fast", repo.toString(), start, List.of(diff))) {
            assertThat(clock.processCounts()).as("commit and clean").containsExactly(Map.entry("git", 2L));
            assertThat(next.read("app.py")).contains("def greet():\n    return 'hello'\n");
            assertThat(next.dir().resolve("build")).doesNotExist();
        }
    }

    @Test
    void aWriteAfterTheDiffOrAnotherPatchTakesTheFullPath() throws IOException {
        String first = producePatch(List.of(), HELLO);
        try (Workspace executor = workspaces.lease("s-exec", repo.toString(), base, List.of())) {
            PatchApplier.apply(ApplyPatch.parse(HELLO), executor.tree());
            assertThat(executor.diff()).isEqualTo(first);
            Files.writeString(executor.tree().root().resolve("app.py"), "tampered after the diff\n");
        }
        try (PhaseClock clock = PhaseClock.start();
                Workspace next = workspaces.lease("s-exec", repo.toString(), base, List.of(first))) {
            assertThat(clock.processCounts()).as("checkout, clean, apply, commit")
                    .containsExactly(Map.entry("git", 4L));
            assertThat(next.read("app.py")).contains("def greet():\n    return 'hello'\n");
        }

        String other = producePatch(List.of(), """
                *** Begin Patch
                *** Update File: app.py
                -    return 'hi'
                +    return 'yo'
                *** End Patch""");
        try (Workspace verifier = workspaces.lease("s-other", repo.toString(), base, List.of())) {
            assertThat(verifier.tryApply(other)).isEmpty();
        }
        try (Workspace next = workspaces.lease("s-other", repo.toString(), base, List.of(first))) {
            assertThat(next.read("app.py")).contains("def greet():\n    return 'hello'\n");
            assertThat(next.changedPaths()).isEmpty();
        }
    }

    @Test
    void aResetAfterTheAppliedPatchTakesTheFullPath() {
        // The cleanup pass resets the candidate's workspace and may then refuse the fixer's patch: the index is
        // empty, and committing it as the candidate's patch would lose the step.
        String first = producePatch(List.of(), HELLO);
        try (Workspace verifier = workspaces.lease("s-reset", repo.toString(), base, List.of())) {
            assertThat(verifier.tryApply(first)).isEmpty();
            verifier.reset();
        }
        try (PhaseClock clock = PhaseClock.start();
                Workspace next = workspaces.lease("s-reset", repo.toString(), base, List.of(first))) {
            assertThat(clock.processCounts()).as("checkout, clean, apply, commit")
                    .containsExactly(Map.entry("git", 4L));
            assertThat(next.read("app.py")).contains("def greet():\n    return 'hello'\n");
        }
    }

    @Test
    void aPatchThatDoesNotApplyChangesNothing() {
        String hello = producePatch(List.of(), HELLO);
        String yo = producePatch(List.of(), HELLO.replace("'hello'", "'yo'"));
        try (Workspace ws = workspaces.lease("s-misfit", repo.toString(), base, List.of(hello))) {
            assertThat(ws.tryApply(yo)).hasValueSatisfying(why -> assertThat(why).contains("app.py"));
            assertThat(ws.changedPaths()).isEmpty();
            assertThat(ws.read("app.py")).contains("def greet():\n    return 'hello'\n");
        }
    }

    private String producePatch(List<String> chain, String applyPatch) {
        try (Workspace ws = workspaces.lease("s-exec", repo.toString(), base, chain)) {
            PatchApplier.apply(ApplyPatch.parse(applyPatch), ws.tree());
            return ws.diff();
        }
    }
}
