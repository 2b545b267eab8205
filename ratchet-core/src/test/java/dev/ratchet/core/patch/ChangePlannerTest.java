package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@link ChangePlanner}, through {@link ChangePlan#apply}: what a change set may do to the tree once the earlier
 * operations of the same set are played (files and directories it creates or deletes), symlinks and executable
 * bits from a unified diff's modes, and how many problems come back at once. Nothing is written when any is found.
 */
class ChangePlannerTest {

    private static PatchApplyException refused(String answer, MapFileTree tree) {
        String before = tree.snapshot();
        PatchApplyException e = assertThrows(PatchApplyException.class,
                () -> ChangePlan.apply(Edits.parse(answer), tree));
        assertThat(tree.snapshot()).as("nothing written").isEqualTo(before);
        return e;
    }

    @Test
    void aUnifiedDiffLeavingTheRepositoryIsRefusedByPath() {
        PatchApplyException e = refused("--- a/../secrets.txt\n+++ b/../secrets.txt\n@@ -1 +1 @@\n-a\n+b\n",
                new MapFileTree().with("README.md", "hi\n"));

        assertThat(e.problems()).containsExactly(
                "path ../secrets.txt leaves the repository ('..' is not allowed in a path)");
    }

    @Test
    void atMostTenProblemsComeBackAtOnce() {
        StringBuilder patch = new StringBuilder("*** Begin Patch\n");
        for (int i = 1; i <= 12; i++) {
            patch.append("*** Delete File: gone").append(i).append(".txt\n");
        }

        PatchApplyException e = refused(patch.append("*** End Patch\n").toString(), new MapFileTree());

        assertThat(e.problems()).hasSize(10).first().asString().contains("gone1.txt");
        assertThat(e.problems()).last().asString().contains("gone10.txt");
    }

    @Test
    void aDiffCreatingASymlinkIsRefused() {
        String diff = """
                diff --git a/evil b/evil
                new file mode 120000
                index 0000000..c0ffee1
                --- /dev/null
                +++ b/evil
                @@ -0,0 +1 @@
                +/etc
                \\ No newline at end of file
                """;

        assertThat(refused(diff, new MapFileTree()).problems()).singleElement().asString()
                .contains("creates a symlink; a patch never creates symlinks, write a regular file");
    }

    @Test
    void aDiffTurningAFileIntoASymlinkIsRefused() {
        String diff = """
                diff --git a/link b/link
                old mode 100644
                new mode 120000
                """;

        assertThat(refused(diff, new MapFileTree().with("link", "/etc\n")).problems()).singleElement().asString()
                .contains("turns the file into a symlink; a patch never creates symlinks");
    }

    @Test
    void aNewExecutableFileIsWrittenExecutable() {
        MapFileTree tree = new MapFileTree();

        ChangePlan.apply(Edits.parse("""
                diff --git a/run.sh b/run.sh
                new file mode 100755
                index 0000000..c0ffee1
                --- /dev/null
                +++ b/run.sh
                @@ -0,0 +1,2 @@
                +#!/bin/sh
                +echo hi
                """), tree);

        assertThat(tree.content("run.sh")).isEqualTo("#!/bin/sh\necho hi\n");
        assertThat(tree.isExecutable("run.sh")).isTrue();
    }

    @Test
    void updatingAFileThatDoesNotExistIsRefused() {
        assertThat(refused("*** Begin Patch\n*** Update File: missing.py\n@@\n-a\n+b\n*** End Patch\n",
                new MapFileTree().with("present.py", "a\n")).problems()).singleElement().asString()
                .contains("missing.py does not exist");
    }

    @Test
    void aFileAddedEarlierInThePatchBlocksAddingUnderIt() {
        String patch = "*** Begin Patch\n*** Add File: build\n+x\n*** Add File: build/out.txt\n+y\n*** End Patch\n";

        assertThat(refused(patch, new MapFileTree()).problems()).singleElement().asString()
                .contains("build is a file, so build/out.txt cannot be under it");
    }

    @Test
    void aFileDeletedEarlierInThePatchMayBecomeADirectory() {
        MapFileTree tree = new MapFileTree().with("build", "old\n");

        ChangePlan.apply(Edits.parse("*** Begin Patch\n*** Delete File: build\n*** Add File: build/out.txt\n+y\n"
                + "*** End Patch\n"), tree);

        assertThat(tree.files()).containsExactly(Map.entry("build/out.txt", "y\n"));
    }

    @Test
    void aDirectoryCreatedEarlierInThePatchCannotBeAddedAsAFile() {
        String patch = "*** Begin Patch\n*** Add File: src/new/a.txt\n+a\n*** Add File: src/new\n+b\n*** End Patch\n";

        assertThat(refused(patch, new MapFileTree()).problems()).singleElement().asString()
                .contains("src/new is a directory");
    }
}
