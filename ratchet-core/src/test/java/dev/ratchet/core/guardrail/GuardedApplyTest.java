package dev.ratchet.core.guardrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ratchet.core.patch.ChangePlan;
import dev.ratchet.core.patch.Edits;
import dev.ratchet.core.patch.MapFileTree;
import dev.ratchet.core.patch.PatchApplyException;

/** Every guardrail in every format: each violation names its rule and path, and nothing is written. */
class GuardedApplyTest {

    private static final Guardrails DEFAULTS = Guardrails.DEFAULTS;

    private static MapFileTree tree() {
        return new MapFileTree()
                .with("src/app.py", "def main():\n    return 0\n")
                .with("docs/guide.md", "# Guide\n")
                .with("README.md", "# Project\n")
                .with(".git/HEAD", "ref: refs/heads/main\n");
    }

    private static String envelope(String body) {
        return "*** Begin Patch\n" + body + "*** End Patch\n";
    }

    private static String newFileDiff(String path, String line) {
        return "--- /dev/null\n+++ " + path + "\n@@ -0,0 +1 @@\n+" + line + "\n";
    }

    private static String createBlock(String path, String content) {
        return path + "\n<<<<<<< SEARCH\n=======\n" + content + "\n>>>>>>> REPLACE\n";
    }

    private static Guardrails with(GuardrailsUpdate update) {
        return DEFAULTS.merge(update);
    }

    static Stream<Arguments> violations() {
        String appHunk = "@@\n def main():\n-    return 0\n+    return 1\n";
        return Stream.of(
                // traversal, in each format
                Arguments.of("apply_patch ../x", envelope("*** Add File: ../x\n+x\n"), DEFAULTS,
                        Rule.PATH_ESCAPE, "../x"),
                Arguments.of("apply_patch /etc/x", envelope("*** Add File: /etc/x\n+x\n"), DEFAULTS,
                        Rule.PATH_ESCAPE, "/etc/x"),
                Arguments.of("apply_patch a/../../x", envelope("*** Update File: src/../../x\n" + appHunk), DEFAULTS,
                        Rule.PATH_ESCAPE, "src/../../x"),
                Arguments.of("apply_patch move to ../x", envelope("*** Update File: src/app.py\n*** Move to: ../x\n"),
                        DEFAULTS, Rule.PATH_ESCAPE, "../x"),
                Arguments.of("unified ../x", newFileDiff("b/../x", "x"), DEFAULTS, Rule.PATH_ESCAPE, "../x"),
                Arguments.of("unified /etc/x", newFileDiff("/etc/x", "x"), DEFAULTS, Rule.PATH_ESCAPE, "/etc/x"),
                Arguments.of("unified a/../../x", "diff --git a/src/../../x b/src/../../x\n--- a/src/../../x\n"
                        + "+++ b/src/../../x\n@@ -1 +1 @@\n-a\n+b\n", DEFAULTS, Rule.PATH_ESCAPE, "src/../../x"),
                Arguments.of("search/replace ../x", createBlock("../x", "x"), DEFAULTS, Rule.PATH_ESCAPE, "../x"),
                Arguments.of("search/replace /etc/x", createBlock("/etc/x", "x"), DEFAULTS, Rule.PATH_ESCAPE,
                        "/etc/x"),
                Arguments.of("search/replace a/../../x", createBlock("src/../../x", "x"), DEFAULTS,
                        Rule.PATH_ESCAPE, "src/../../x"),
                // .git in any letter case, and the other default forbidden paths
                Arguments.of(".GIT/config", envelope("*** Add File: .GIT/config\n+x\n"), DEFAULTS,
                        Rule.FORBIDDEN_PATH, ".GIT/config"),
                Arguments.of(".Git/hooks", newFileDiff("b/.Git/hooks/pre-commit", "rm -rf /"), DEFAULTS,
                        Rule.FORBIDDEN_PATH, ".Git/hooks/pre-commit"),
                Arguments.of(".git/HEAD", createBlock(".git/HEAD", "x").replace("=======\n", "ref\n=======\n"),
                        DEFAULTS, Rule.FORBIDDEN_PATH, ".git/HEAD"),
                Arguments.of(".env.local", createBlock("config/.env.local", "KEY=1"), DEFAULTS,
                        Rule.FORBIDDEN_PATH, "config/.env.local"),
                Arguments.of("pem", envelope("*** Add File: deploy/server.pem\n+x\n"), DEFAULTS,
                        Rule.FORBIDDEN_PATH, "deploy/server.pem"),
                Arguments.of("id_rsa", envelope("*** Add File: home/.ssh/id_rsa\n+x\n"), DEFAULTS,
                        Rule.FORBIDDEN_PATH, "home/.ssh/id_rsa"),
                Arguments.of("KEY", envelope("*** Add File: tls/SITE.KEY\n+x\n"), DEFAULTS,
                        Rule.FORBIDDEN_PATH, "tls/SITE.KEY"),
                // read-only, allowed
                Arguments.of("read-only", envelope("*** Update File: docs/guide.md\n@@\n-# Guide\n+# Manual\n"),
                        with(new GuardrailsUpdate(null, List.of("docs/**"), null, null, null, null, null)),
                        Rule.READ_ONLY_PATH, "docs/guide.md"),
                Arguments.of("outside allowed", "--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-# Project\n+# P\n",
                        with(new GuardrailsUpdate(List.of("src/**"), null, null, null, null, null, null)),
                        Rule.OUTSIDE_ALLOWED, "README.md"),
                // deletes when banned, in the two formats that can delete
                Arguments.of("apply_patch delete", envelope("*** Delete File: README.md\n"), DEFAULTS,
                        Rule.NO_DELETES, "README.md"),
                Arguments.of("unified delete", "--- a/README.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-# Project\n",
                        DEFAULTS, Rule.NO_DELETES, "README.md"),
                // counts
                Arguments.of("new files", envelope("*** Add File: a.txt\n+a\n*** Add File: b.txt\n+b\n"),
                        with(new GuardrailsUpdate(null, null, null, null, null, null, 1)), Rule.MAX_NEW_FILES,
                        "b.txt"),
                Arguments.of("changed lines", envelope("*** Update File: src/app.py\n" + appHunk),
                        with(new GuardrailsUpdate(null, null, null, null, 1, null, null)), Rule.MAX_CHANGED_LINES,
                        null),
                Arguments.of("file changed lines", "src/app.py\n<<<<<<< SEARCH\n    return 0\n=======\n"
                        + "    return 1\n>>>>>>> REPLACE\n",
                        with(new GuardrailsUpdate(null, null, null, null, null, 1, null)),
                        Rule.MAX_FILE_CHANGED_LINES, "src/app.py"),
                // content
                Arguments.of("binary", envelope("*** Add File: blob.bin\n+PK\u0000\u0003\n"), DEFAULTS,
                        Rule.BINARY_FILE, "blob.bin"),
                Arguments.of("secret", newFileDiff("b/config.py", "TOKEN = '" + SecretScannerTest.GITHUB + "'"),
                        DEFAULTS, Rule.SECRET, "config.py"),
                Arguments.of("symlink", "diff --git a/evil b/evil\nnew file mode 120000\n--- /dev/null\n+++ b/evil\n"
                        + "@@ -0,0 +1 @@\n+/etc\n\\ No newline at end of file\n", DEFAULTS, Rule.SYMLINK, "evil"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void eachViolationNamesItsRuleAndPathAndWritesNothing(String name, String answer, Guardrails guardrails,
            Rule rule, String path) {
        MapFileTree tree = tree();
        String before = tree.snapshot();

        assertThatThrownBy(() -> GuardedApply.apply(Edits.parse(answer), tree, tree, guardrails))
                .isInstanceOfSatisfying(GuardrailException.class, e -> assertThat(e.violations())
                        .extracting(Violation::rule, Violation::path).containsExactly(tuple(rule, path)));
        assertThat(tree.snapshot()).isEqualTo(before);
    }

    @Test
    void messagesSayWhatToDo() {
        MapFileTree tree = tree();
        String answer = envelope("*** Add File: ../x\n+x\n*** Add File: .GIT/config\n+x\n"
                + "*** Delete File: README.md\n");

        assertThatThrownBy(() -> GuardedApply.apply(Edits.parse(answer), tree, tree, DEFAULTS))
                .isInstanceOf(GuardrailException.class)
                .hasMessage("""
                        the patch breaks 3 guardrails; nothing was written:
                        - [path-escape] path ../x leaves the repository ('..' is not allowed in a path); write paths \
                        relative to the repository root, without '..'
                        - [forbidden-path] .GIT/config matches the forbidden pattern '.git/**'; it cannot be read or \
                        changed
                        - [no-deletes] README.md: deleting files is not allowed in this session; change the file \
                        instead, or ask for guardrails.deletes""");
    }

    @Test
    void contentRulesAreAllReportedAfterEveryHunkMatched() {
        MapFileTree tree = tree();
        String before = tree.snapshot();
        String answer = envelope("*** Add File: a.txt\n+" + SecretScannerTest.AWS + "\n+two\n+three\n");

        assertThatThrownBy(() -> GuardedApply.apply(Edits.parse(answer), tree, tree,
                with(new GuardrailsUpdate(null, null, null, null, 2, 2, null))))
                .isInstanceOfSatisfying(GuardrailException.class, e -> assertThat(e.violations())
                        .extracting(Violation::rule).containsExactly(Rule.MAX_FILE_CHANGED_LINES, Rule.SECRET,
                                Rule.MAX_CHANGED_LINES))
                .hasMessageContaining("[secret] a.txt:1: the added line holds what looks like an AWS access key id "
                        + "(AKIAZ3... (20 characters)); never write credentials into the repository, read them from "
                        + "the environment instead");
        assertThat(tree.snapshot()).isEqualTo(before);
    }

    @Test
    void pathRulesComeBeforeAnyHunkIsMatched() {
        MapFileTree tree = tree();

        assertThatThrownBy(() -> GuardedApply.apply(Edits.parse(envelope("*** Update File: .git/HEAD\n@@\n-nothing "
                + "like it\n+x\n")), tree, tree, DEFAULTS))
                .isInstanceOf(GuardrailException.class);
    }

    @Test
    void aHunkThatDoesNotFitWithinTheRulesWritesNothingEither() {
        MapFileTree tree = tree();
        String before = tree.snapshot();

        assertThatThrownBy(() -> GuardedApply.apply(Edits.parse(envelope("*** Add File: ok.txt\n+fine\n"
                + "*** Update File: src/app.py\n@@\n-    return 42\n+    return 1\n")), tree, tree, DEFAULTS))
                .isInstanceOf(PatchApplyException.class)
                .hasMessageStartingWith("*** Update File: src/app.py: hunk 1 (line 5 of the patch) does not match");
        assertThat(tree.snapshot()).isEqualTo(before);
    }

    @Test
    void aChangeWithinTheRulesIsWrittenAndCheckAloneWritesNothing() {
        MapFileTree tree = tree();
        String answer = envelope("*** Add File: src/util.py\n+X = 1\n*** Update File: src/app.py\n@@\n def main():\n"
                + "-    return 0\n+    return 1\n*** Delete File: README.md\n");
        Guardrails deletesAllowed = with(new GuardrailsUpdate(null, null, null, true, null, null, null));
        String before = tree.snapshot();

        GuardedApply.check(Edits.parse(answer), tree, tree, deletesAllowed);
        assertThat(tree.snapshot()).isEqualTo(before);

        ChangePlan plan = GuardedApply.apply(Edits.parse(answer), tree, tree, deletesAllowed);
        assertThat(plan.summary()).isEqualTo("A src/util.py\nM src/app.py\nD README.md\n");
        assertThat(tree.files()).containsOnlyKeys(".git/HEAD", "docs/guide.md", "src/app.py", "src/util.py");
        assertThat(tree.content("src/app.py")).isEqualTo("def main():\n    return 1\n");
    }
}
