package dev.ratchet.workspace.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.guardrail.GuardrailsUpdate;
import dev.ratchet.core.plan.StepLineBound;

/**
 * The review stage on a real starting state on disk: every guardrail rule a stored unified diff can break, each
 * named in the reason, and a patch that keeps to them passing with the paths it changes.
 */
class PatchReviewTest {

    @TempDir
    Path tmp;
    Path repo;

    @BeforeEach
    void startingState() throws IOException {
        repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve("src"));
        Files.createDirectories(repo.resolve("vendor"));
        Files.writeString(repo.resolve("src/app.py"), "print('hi')\n");
        Files.writeString(repo.resolve("vendor/lib.py"), "x = 1\n");
        // a tracked link that leads out of the repository
        Files.createSymbolicLink(repo.resolve("link"), Files.createDirectories(tmp.resolve("outside")));
    }

    private static String add(String path, String... lines) {
        StringBuilder diff = new StringBuilder("diff --git a/" + path + " b/" + path + "\nnew file mode 100644\n"
                + "--- /dev/null\n+++ b/" + path + "\n@@ -0,0 +1," + lines.length + " @@\n");
        for (String line : lines) {
            diff.append('+').append(line).append('\n');
        }
        return diff.toString();
    }

    private static final String DELETE = "diff --git a/src/app.py b/src/app.py\ndeleted file mode 100644\n"
            + "--- a/src/app.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-print('hi')\n";
    private static final String VENDOR = "diff --git a/vendor/lib.py b/vendor/lib.py\n--- a/vendor/lib.py\n"
            + "+++ b/vendor/lib.py\n@@ -1 +1 @@\n-x = 1\n+x = 2\n";
    private static final String SYMLINK = "diff --git a/shortcut b/shortcut\nnew file mode 120000\n--- /dev/null\n"
            + "+++ b/shortcut\n@@ -0,0 +1 @@\n+/etc/passwd\n\\ No newline at end of file\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no-deletes             | delete       | rejected by guardrail no-deletes: src/app.py
            forbidden-path         | .env         | rejected by guardrail forbidden-path: .env
            forbidden .GIT         | .GIT/config  | rejected by guardrail forbidden-path: .GIT/config
            path-escape by a link  | link/x.py    | rejected by guardrail path-escape: link/x.py
            symlink                | symlink      | rejected by guardrail symlink: shortcut
            secret                 | secret       | rejected by guardrail secret: config.py
            read-only-path         | vendor       | rejected by guardrail read-only-path: vendor/lib.py
            max-changed-lines      | three-lines  | rejected by guardrail max-changed-lines
            """)
    void eachRuleIsNamedInTheReason(String rule, String patch, String reason) {
        String diff = switch (patch) {
            case "delete" -> DELETE;
            case "vendor" -> VENDOR;
            case "symlink" -> SYMLINK;
            case "secret" -> add("config.py", "KEY = 'AKIAZ7Q3MNB2XK4PLW9D'");
            case "three-lines" -> add("notes.txt", "a", "b", "c");
            default -> add(patch, "x");
        };
        Guardrails guardrails = Guardrails.DEFAULTS.merge(new GuardrailsUpdate(null, List.of("vendor/**"), null,
                null, patch.equals("three-lines") ? 2 : null, null, null));

        PatchReview.Result result = PatchReview.review(diff, repo, guardrails);

        assertThat(result.rejection()).as(rule).hasValueSatisfying(r -> {
            assertThat(r.stage()).isEqualTo("review");
            assertThat(r.reason()).isEqualTo(reason);
            assertThat(r.detail()).startsWith("the patch breaks 1 guardrail; nothing was written:");
        });
        assertThat(repo.resolve("src/app.py")).hasContent("print('hi')");
        assertThat(tmp.resolve("outside")).isEmptyDirectory();
    }

    @Test
    void everyBrokenRuleIsNamed() {
        PatchReview.Result result = PatchReview.review(DELETE + add(".env", "TOKEN=x"), repo, Guardrails.DEFAULTS);

        assertThat(result.rejection()).hasValueSatisfying(r -> assertThat(r.reason())
                .isEqualTo("rejected by guardrail no-deletes: src/app.py; forbidden-path: .env"));
    }

    @Test
    void aPatchWithinTheRulesPassesWithThePathsItChanges() {
        String update = "diff --git a/src/app.py b/src/app.py\n--- a/src/app.py\n+++ b/src/app.py\n"
                + "@@ -1 +1 @@\n-print('hi')\n+print('hello')\n";

        PatchReview.Result result = PatchReview.review(update + add("src/util.py", "pass"), repo,
                Guardrails.DEFAULTS);

        assertThat(result.rejection()).isEmpty();
        assertThat(result.paths()).containsExactly("src/app.py", "src/util.py");
        assertThat(repo.resolve("src/util.py")).as("the review writes nothing").doesNotExist();
    }

    @Test
    void whatIsNotAUnifiedDiffOrDoesNotFitIsNamedToo() {
        assertThat(PatchReview.review("*** Begin Patch\n*** Add File: a.txt\n+a\n*** End Patch\n", repo,
                Guardrails.DEFAULTS).rejection()).hasValueSatisfying(r -> assertThat(r.reason())
                        .isEqualTo("the stored patch is not a unified diff (APPLY_PATCH); executors store what git "
                                + "diff writes"));
        assertThat(PatchReview.review("diff --git a/src/app.py b/src/app.py\n--- a/src/app.py\n+++ b/src/app.py\n"
                + "@@ -1 +1 @@\n-print('bye')\n+print('hello')\n", repo, Guardrails.DEFAULTS).rejection())
                .hasValueSatisfying(r -> {
                    assertThat(r.stage()).isEqualTo("apply");
                    assertThat(r.reason()).isEqualTo("the patch does not apply to the step's starting state");
                    assertThat(r.detail()).contains("src/app.py");
                });
        assertThat(PatchReview.review("  \n", repo, Guardrails.DEFAULTS).rejection())
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo("the patch is empty: the step changed "
                        + "nothing"));
    }

    @Test
    void aPatchWithinTheGuardrailsButOverItsStepsOwnBoundIsRejectedNamingTheStep() {
        String fiveLines = add("notes.txt", "a", "b", "c", "d", "e");

        PatchReview.Result over = PatchReview.review(fiveLines, repo, Guardrails.DEFAULTS,
                Optional.of(new StepLineBound("s2", 3)));
        PatchReview.Result within = PatchReview.review(fiveLines, repo, Guardrails.DEFAULTS,
                Optional.of(new StepLineBound("s2", 5)));

        assertThat(over.rejection()).hasValueSatisfying(r -> {
            assertThat(r.stage()).isEqualTo("review");
            assertThat(r.reason()).isEqualTo("rejected by step s2's bound: the patch changes 5 lines, over the "
                    + "step's maxChangedLines of 3");
            assertThat(r.detail()).contains("the session's guardrail allows 400");
        });
        assertThat(within.rejection()).isEmpty();
        assertThat(within.paths()).containsExactly("notes.txt");
    }
}
