package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.patch.FileEdit.AddedLine;

/**
 * {@link FilePatcher}, through the three edit formats a model writes: where insertions go, the order in which a
 * file's hunks are matched and written, trailing blank lines a model adds to a hunk, and the added lines (with
 * their new numbers) that the guardrails judge.
 */
class FilePatcherTest {

    private static final String APP = """
            import os

            def load(path):
                return open(path).read()

            def main():
                print(load("a.txt"))
            """;

    private static String apply(String answer, String path, String content) {
        MapFileTree tree = new MapFileTree().with(path, content);
        ChangePlan.apply(Edits.parse(answer), tree);
        return tree.content(path);
    }

    private static String applyPatch(String body) {
        return apply("*** Begin Patch\n*** Update File: app.py\n" + body + "*** End Patch\n", "app.py", APP);
    }

    @Test
    void theGuardrailsSeeEachAddedLineWithItsNumberInTheNewFile() {
        MapFileTree tree = new MapFileTree().with("app.py", APP);

        ChangePlan plan = ChangePlan.prepare(Edits.parse("""
                *** Begin Patch
                *** Update File: app.py
                @@
                 import os
                +import sys
                @@
                 def main():
                -    print(load("a.txt"))
                +    path = sys.argv[1]
                +    print(load(path))
                *** End Patch
                """), tree);

        assertThat(plan.edits()).singleElement().satisfies(edit -> {
            assertThat(edit.added()).isEqualTo(3);
            assertThat(edit.removed()).isEqualTo(1);
            assertThat(edit.addedLines()).containsExactly(new AddedLine(2, "import sys"),
                    new AddedLine(8, "    path = sys.argv[1]"), new AddedLine(9, "    print(load(path))"));
        });
    }

    @Test
    void aZeroContextDiffInsertingAtTheTopInsertsBeforeTheFirstLine() {
        // git diff -U0 of a licence header put before the first line: no old lines, "after line 0"
        String diff = """
                --- a/app.py
                +++ b/app.py
                @@ -0,0 +1,2 @@
                +# SPDX-License-Identifier: MIT
                +
                """;

        assertThat(apply(diff, "app.py", APP)).isEqualTo("# SPDX-License-Identifier: MIT\n\n" + APP);
    }

    @Test
    void aHunkAfterAnAnchoredInsertionIsSearchedAfterTheAnchor() {
        String source = """
                def setup():
                    log("start")

                def main():
                    log("start")
                """;

        // the second hunk's context occurs twice; it belongs after the anchored insertion, not at the top
        String patched = apply("""
                *** Begin Patch
                *** Update File: m.py
                @@ def main():
                +    setup()
                @@
                -    log("start")
                +    log("main")
                *** End Patch
                """, "m.py", source);

        assertThat(patched).isEqualTo("""
                def setup():
                    log("start")

                def main():
                    setup()
                    log("main")
                """);
    }

    @Test
    void anAppendedHunkAndAnEarlierChangeApplyEachInItsPlace() {
        // a hunk of only added lines and no anchor goes to the end; the later hunk still matches above it
        assertThat(applyPatch("""
                @@
                +
                +if __name__ == "__main__":
                +    main()
                @@
                -import os
                +import os
                +import sys
                """)).isEqualTo(APP.replace("import os\n", "import os\nimport sys\n")
                + "\nif __name__ == \"__main__\":\n    main()\n");
    }

    @Test
    void aRemovedBlankLineAtTheTopOfTheFileIsRemoved() {
        assertThat(applyPatch("""
                @@
                -import os
                -
                 def load(path):
                """)).isEqualTo(APP.replace("import os\n\n", ""));
        assertThat(apply("*** Begin Patch\n*** Update File: app.py\n@@\n-import os\n-\n*** End Patch\n", "app.py",
                APP)).isEqualTo(APP.replace("import os\n\n", ""));
    }

    @Test
    void aHunkWhoseOnlyOldLineIsABlankTheFileLacksIsRefused() {
        String noBlankLines = "a = 1\nb = 2\n";

        assertThatThrownBy(() -> apply("*** Begin Patch\n*** Update File: v.py\n@@\n+c = 3\n \n*** End Patch\n",
                "v.py", noBlankLines))
                .isInstanceOf(PatchApplyException.class)
                .hasMessageContaining("hunk 1 (line 3 of the patch) does not match the file");
    }

    @Test
    void aHunkWhoseLinesComeBeforeItsAnchorIsNotFoundRatherThanOutOfOrder() {
        // hunk 2's lines are right after hunk 1, but its anchor sends the search past them
        assertThatThrownBy(() -> applyPatch("""
                @@
                -import os
                +import os, sys
                @@ def main():
                 
                 def load(path):
                """))
                .isInstanceOf(PatchApplyException.class)
                .hasMessageContaining("hunk 2 (line 6 of the patch) does not match the file.\n"
                        + "It expects these lines after line 6:");
    }

    @Test
    void aSearchBlockEndingInABlankLineTheFileHasRemovesThatLineToo() {
        String answer = """
                app.py
                <<<<<<< SEARCH
                import os

                =======
                import os
                >>>>>>> REPLACE
                """;

        assertThat(apply(answer, "app.py", APP)).isEqualTo(APP.replace("import os\n\n", "import os\n"));
    }

    @Test
    void aSearchBlockCopiedWithBlankLinesTheFileLacksStillMatches() {
        // the model copied the block with two blank lines after it, on both sides; the file ends right there
        String answer = """
                app.py
                <<<<<<< SEARCH
                def main():
                    print(load("a.txt"))


                =======
                def main():
                    print(load("b.txt"))


                >>>>>>> REPLACE
                """;

        assertThat(apply(answer, "app.py", APP)).isEqualTo(APP.replace("a.txt", "b.txt"));
    }
}
