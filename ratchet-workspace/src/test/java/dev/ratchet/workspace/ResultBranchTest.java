package dev.ratchet.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result branch on a real repository: commits, trailers, the four files, and the target left alone. */
class ResultBranchTest {

    static final String ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    static final String S1 = """
            diff --git a/app.py b/app.py
            --- a/app.py
            +++ b/app.py
            @@ -1,2 +1,2 @@
             def greet():
            -    return 'hi'
            +    return 'hello'
            """;
    static final String S2 = """
            diff --git a/test_app.py b/test_app.py
            new file mode 100644
            --- /dev/null
            +++ b/test_app.py
            @@ -0,0 +1,3 @@
            +from app import greet
            +
            +assert greet() == 'hello'
            """;

    @TempDir
    Path tmp;

    Path repo;
    String base;

    @BeforeEach
    void createRepository() throws IOException {
        repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("app.py"), "def greet():\n    return 'hi'\n");
        Files.writeString(repo.resolve("AGENTS.md"), "# Agents\n");
        Git.run(repo, "init", "-q", "-b", "main");
        Git.run(repo, "add", "-A");
        Git.run(repo, "commit", "-q", "-m", "initial");
        base = Git.headCommit(repo);
        Files.writeString(repo.resolve("app.py"), "work in progress\n"); // a person's uncommitted change
    }

    private String write() {
        return ResultBranch.write(repo, ID, base, List.of(
                new ResultBranch.StepCommit("s1", 0, "Say hello", "unit passed in 12 ms", S1),
                new ResultBranch.StepCommit("s2", 1, "Test greet()", "", S2)),
                Map.of("PLAN.md", "# PLAN\n", "PROGRESS.md", "# PROGRESS\n", "VERIFY.md", "# VERIFY\n",
                        "AGENTS.md", "# AGENTS\n"), tmp.resolve("scratch"));
    }

    @Test
    void eachStepIsACommitWithTrailersAndTheFourFilesComeLast() {
        String tip = write();

        assertThat(Git.run(repo, "log", "--format=%an|%s|%(trailers:key=Ratchet-Step,valueonly,separator=)|"
                + "%(trailers:key=Ratchet-Variant,valueonly,separator=)", base + ".." + tip).lines().toList())
                .containsExactly("Ratchet|Test greet()|s2|1", "Ratchet|Say hello|s1|0");
        assertThat(Git.run(repo, "log", "-1", "--format=%B", tip + "~1")).isEqualTo("Say hello\n\nunit passed in 12 ms"
                + "\n\nRatchet-Session: " + ID + "\nRatchet-Step: s1\nRatchet-Variant: 0\n\n");
        assertThat(Git.run(repo, "diff", "--name-only", tip + "~1", tip).lines().toList()).containsExactly(
                ".ratchet/AGENTS.md", ".ratchet/PLAN.md", ".ratchet/PROGRESS.md", ".ratchet/VERIFY.md", "test_app.py");
        assertThat(Git.show(repo, tip, "app.py")).contains("def greet():\n    return 'hello'\n");
        assertThat(Git.show(repo, tip, "AGENTS.md")).contains("# Agents\n");
    }

    @Test
    void theTargetsBranchIndexAndWorkingTreeAreUntouchedAndASecondWriteChangesNothing() throws IOException {
        String tip = write();

        assertThat(Git.run(repo, "rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo("main");
        assertThat(Git.headCommit(repo)).isEqualTo(base);
        assertThat(Files.readString(repo.resolve("app.py"))).isEqualTo("work in progress\n");
        assertThat(Git.run(repo, "status", "--porcelain").strip()).isEqualTo("M app.py");
        assertThat(write()).isEqualTo(tip);
        assertThat(ResultBranch.tip(repo, ID)).contains(tip);
        assertThat(Files.list(tmp.resolve("scratch"))).isEmpty();
    }

    @Test
    void theSeriesAppliesToTheBaseCommitWholeOrOneStep() throws IOException {
        write();
        String series = ResultBranch.series(repo, ID, base, null).orElseThrow();
        assertThat(series).startsWith("From ").contains("Subject: [PATCH 1/2] Say hello")
                .contains("Subject: [PATCH 2/2] Test greet()");

        Path check = tmp.resolve("check");
        Git.run(tmp, "clone", "-q", repo.toString(), check.toString());
        Git.run(check, "checkout", "-q", "--detach", base);
        Git.runWithInput(check, series, "am", "-q");
        assertThat(Files.readString(check.resolve("test_app.py"))).contains("assert greet() == 'hello'");

        String one = ResultBranch.series(repo, ID, base, "s2").orElseThrow();
        assertThat(one).contains("Subject: [PATCH] Test greet()").doesNotContain("Say hello\n");
        assertThat(ResultBranch.series(repo, ID, base, "s9")).isEmpty();
        assertThat(ResultBranch.series(repo, "no-such-session", base, null)).isEmpty();
    }

    @Test
    void aPatchThatDoesNotApplyWritesNoBranch() {
        assertThatThrownBy(() -> ResultBranch.write(repo, ID, base, List.of(
                new ResultBranch.StepCommit("s1", 0, "Broken", "", S1.replace("return 'hi'", "return 'nope'"))),
                Map.of(), tmp.resolve("scratch"))).isInstanceOf(GitException.class);
        assertThat(ResultBranch.tip(repo, ID)).isEmpty();
    }
}
