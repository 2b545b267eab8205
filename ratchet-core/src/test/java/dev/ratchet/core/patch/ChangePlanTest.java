package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Applying a change set: files as they are (line endings, final newline, unicode, empty), and all or nothing. */
class ChangePlanTest {

    private static ChangePlan apply(String answer, MapFileTree tree) {
        return ChangePlan.apply(Edits.parse(answer), tree);
    }

    private static String envelope(String body) {
        return "*** Begin Patch\n" + body + "*** End Patch\n";
    }

    @Test
    void crlfFilesKeepCrlfAndNewLinesGetIt() {
        MapFileTree tree = new MapFileTree().with("a.txt", "one\r\ntwo\r\nthree\r\n");

        apply(envelope("*** Update File: a.txt\n@@\n one\n-two\n+TWO\n+two and a half\n three\n"), tree);

        assertThat(tree.content("a.txt")).isEqualTo("one\r\nTWO\r\ntwo and a half\r\nthree\r\n");
    }

    @Test
    void mixedLineEndingsAreKeptLineByLine() {
        MapFileTree tree = new MapFileTree().with("a.txt", "one\ntwo\r\nthree\n");

        apply(envelope("*** Update File: a.txt\n@@\n one\n two\n-three\n+THREE\n"), tree);

        assertThat(tree.content("a.txt")).isEqualTo("one\ntwo\r\nTHREE\n");
    }

    @Test
    void aMissingFinalNewlineIsKeptByApplyPatchAndChangedAsAUnifiedDiffSays() {
        MapFileTree tree = new MapFileTree().with("keep.txt", "a\nb").with("add.txt", "a\nb").with("drop.txt", "a\nb\n");

        apply(envelope("*** Update File: keep.txt\n@@\n a\n-b\n+c\n"), tree);
        apply("""
                diff --git a/add.txt b/add.txt
                --- a/add.txt
                +++ b/add.txt
                @@ -1,2 +1,2 @@
                 a
                -b
                \\ No newline at end of file
                +b
                diff --git a/drop.txt b/drop.txt
                --- a/drop.txt
                +++ b/drop.txt
                @@ -1,2 +1,2 @@
                 a
                -b
                +b
                \\ No newline at end of file
                """, tree);

        assertThat(tree.content("keep.txt")).isEqualTo("a\nc");
        assertThat(tree.content("add.txt")).isEqualTo("a\nb\n");
        assertThat(tree.content("drop.txt")).isEqualTo("a\nb");
    }

    @Test
    void unicodeContentAndTypographicPunctuationMatchPlainAscii() {
        MapFileTree tree = new MapFileTree().with("notes.md", "Grüße — “quoted”\u00a0text\nzwei\n");

        apply(envelope("*** Update File: notes.md\n@@\n Grüße - \"quoted\" text\n-zwei\n+drei ✓\n"), tree);

        // the context line stays as the file has it; the added line is written as the patch has it
        assertThat(tree.content("notes.md")).isEqualTo("Grüße — “quoted”\u00a0text\ndrei ✓\n");
    }

    @Test
    void exactMatchesWinOverLooseOnesAnywhereInTheFile() {
        MapFileTree tree = new MapFileTree().with("a.txt", "x = 1   \nmiddle\nx = 1\n");

        apply(envelope("*** Update File: a.txt\n@@\n-x = 1\n+x = 2\n"), tree);

        assertThat(tree.content("a.txt")).isEqualTo("x = 1   \nmiddle\nx = 2\n");
    }

    @Test
    void emptyFilesCanBeAddedFilledAndDeleted() {
        MapFileTree tree = new MapFileTree().with("empty.txt", "").with("gone.txt", "");

        apply(envelope("*** Add File: new.txt\n*** Update File: empty.txt\n@@\n+first\n*** Delete File: gone.txt\n"),
                tree);

        assertThat(tree.files()).containsOnlyKeys("new.txt", "empty.txt");
        assertThat(tree.content("new.txt")).isEmpty();
        assertThat(tree.content("empty.txt")).isEqualTo("first\n");
    }

    @Test
    void removingEveryLineLeavesAnEmptyFile() {
        MapFileTree tree = new MapFileTree().with("a.txt", "only\n");

        apply(envelope("*** Update File: a.txt\n@@\n-only\n"), tree);

        assertThat(tree.content("a.txt")).isEmpty();
    }

    @Test
    void anEndOfFileHunkMatchesOnlyAtTheEnd() {
        MapFileTree tree = new MapFileTree().with("a.txt", "x\ny\nx\n");

        apply(envelope("*** Update File: a.txt\n@@\n-x\n+z\n*** End of File\n"), tree);

        assertThat(tree.content("a.txt")).isEqualTo("x\ny\nz\n");
    }

    @Test
    void blankSpacingLinesBeforeTheNextHunkDoNotStopAMatch() {
        MapFileTree tree = new MapFileTree().with("a.txt", "a\nb\nc\nd\n");

        apply(envelope("*** Update File: a.txt\n@@\n-a\n+A\n\n\n@@\n-d\n+D\n"), tree);

        assertThat(tree.content("a.txt")).isEqualTo("A\nb\nc\nD\n");
    }

    @Test
    void operationsOnTheSameFileApplyInTurn() {
        MapFileTree tree = new MapFileTree();

        apply(envelope("*** Add File: a.txt\n+one\n*** Update File: a.txt\n@@\n-one\n+two\n"), tree);

        assertThat(tree.content("a.txt")).isEqualTo("two\n");
    }

    @Test
    void aRenameMovesTheContentAndKeepsTheExecutableBit() {
        MapFileTree tree = new MapFileTree().with("run.sh", "echo hi\n");
        tree.setExecutable("run.sh", true);

        ChangePlan plan = apply(envelope("*** Update File: run.sh\n*** Move to: bin/run.sh\n@@\n-echo hi\n"
                + "+echo hello\n"), tree);

        assertThat(tree.files()).containsOnlyKeys("bin/run.sh");
        assertThat(tree.content("bin/run.sh")).isEqualTo("echo hello\n");
        assertThat(tree.isExecutable("bin/run.sh")).isTrue();
        assertThat(plan.summary()).isEqualTo("M run.sh -> bin/run.sh\n");
    }

    @Test
    void overlappingHunksAreAnErrorThatSaysSo() {
        MapFileTree tree = new MapFileTree().with("a.txt", "1\n2\n3\n4\n");
        String before = tree.snapshot();

        assertThatThrownBy(() -> apply(envelope("*** Update File: a.txt\n@@\n 1\n-2\n+two\n 3\n@@\n 2\n-3\n+three\n"),
                tree))
                .isInstanceOf(PatchApplyException.class)
                .hasMessage("*** Update File: a.txt: hunk 2 (line 8 of the patch) matches lines 2-3, which do not "
                        + "come after hunk 1 (lines 1-3): the hunks of a file must be in file order and must not "
                        + "overlap. Merge them into one hunk or put them in order.");
        assertThat(tree.snapshot()).isEqualTo(before);
    }

    @Test
    void operationsThatDoNotFitTheTreeWriteNothingAndAreAllReported() {
        MapFileTree tree = new MapFileTree().with("exists.txt", "x\n").with("dir/file.txt", "y\n")
                .with("dest.txt", "d\n").with("src.txt", "s\n");
        String before = tree.snapshot();

        assertThatThrownBy(() -> apply(envelope("""
                *** Add File: fresh.txt
                +written first, but never written
                *** Add File: exists.txt
                +x
                *** Update File: missing.txt
                @@
                -a
                +b
                *** Delete File: missing.txt
                *** Delete File: dir
                *** Add File: exists.txt/inner.txt
                +x
                *** Update File: src.txt
                *** Move to: dest.txt
                @@
                -s
                +t
                """), tree))
                .isInstanceOf(PatchApplyException.class)
                .extracting(e -> ((PatchApplyException) e).problems())
                .asList()
                .containsExactly(
                        "*** Add File: exists.txt already exists",
                        // a later operation on a path that already failed is not judged again
                        "*** Update File: missing.txt does not exist",
                        "*** Delete File: dir: dir is a directory; delete the files in it one by one",
                        "*** Add File: exists.txt/inner.txt: exists.txt is a file, so exists.txt/inner.txt cannot "
                                + "be under it",
                        "*** Update File: src.txt: cannot move it to dest.txt, which already exists");
        assertThat(tree.snapshot()).isEqualTo(before);
    }

    @Test
    void aHunkThatDoesNotMatchShowsTheClosestLinesWithNumbers() {
        MapFileTree tree = new MapFileTree().with("app.py", "import sys\n\n\ndef main():\n    run(sys.argv)\n"
                + "    return 0\n");

        assertThatThrownBy(() -> apply(envelope("*** Update File: app.py\n@@\n def main():\n-    run(argv)\n"
                + "+    run(argv, strict=True)\n     return 0\n"), tree))
                .isInstanceOf(PatchApplyException.class)
                .hasMessage("""
                        *** Update File: app.py: hunk 1 (line 3 of the patch) does not match the file.
                        It expects these lines:
                         def main():
                        -    run(argv)
                             return 0
                        The closest lines in the file are lines 4-6:
                            4| def main():
                            5|     run(sys.argv)
                            6|     return 0
                        Copy the context and '-' lines exactly from the file.""");
    }

    @Test
    void aHunkForAFileWithNothingAlikeSaysSo() {
        MapFileTree tree = new MapFileTree().with("a.txt", "alpha\nbeta\n");

        assertThatThrownBy(() -> apply(envelope("*** Update File: a.txt\n@@\n-gamma\n+delta\n"), tree))
                .isInstanceOf(PatchApplyException.class)
                .hasMessageEndingWith("-gamma\nNo line of the file resembles them: check the file name, or read the "
                        + "file again.");
    }

    /** Hang guard, not a speed assertion: a quadratic matcher would take hours on this patch. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aFiveMegabytePatchParsesAndAppliesInBoundedWork() {
        StringBuilder original = new StringBuilder();
        StringBuilder body = new StringBuilder("*** Update File: big.txt\n");
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            String line = "line " + i + " of a generated file with some width to it";
            original.append(line).append('\n');
            if (i % 20 == 10) {
                body.append("@@\n ").append("line ").append(i - 1).append(" of a generated file with some width to it")
                        .append("\n-").append(line).append("\n+").append(line.toUpperCase()).append('\n');
                expected.append(line.toUpperCase()).append('\n');
            } else {
                expected.append(line).append('\n');
            }
        }
        body.append("*** Add File: generated.txt\n");
        for (int i = 0; i < 100_000; i++) {
            body.append("+generated row ").append(i).append(" with padding to make it wide enough\n");
        }
        String patch = envelope(body.toString());
        MapFileTree tree = new MapFileTree().with("big.txt", original.toString());

        assertThat(patch.length()).isGreaterThan(5_000_000);
        ChangePlan plan = apply(patch, tree);

        assertThat(tree.content("big.txt")).isEqualTo(expected.toString());
        assertThat(tree.content("generated.txt")).hasLineCount(100_000);
        assertThat(plan.edits()).extracting(FileEdit::changedLines).containsExactly(4_000, 100_000);
    }

    /** Hang guard, as above: the closest-lines search on a failing hunk in a big file is bounded too. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aFailingHunkInAHugeRepetitiveFileIsReportedInBoundedWork() {
        MapFileTree tree = new MapFileTree().with("braces.txt", "}\n".repeat(200_000));
        String hunk = "@@\n" + " }\n".repeat(500) + "-missing\n+x\n";

        assertThatThrownBy(() -> apply(envelope("*** Update File: braces.txt\n" + hunk), tree))
                .isInstanceOf(PatchApplyException.class)
                .hasMessageContaining("The closest lines in the file are lines 1-20:");
    }
}
