package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ratchet.core.patch.PatchOp.AddFile;
import dev.ratchet.core.patch.PatchOp.DeleteFile;
import dev.ratchet.core.patch.PatchOp.UpdateFile;

/** Unified diffs as real {@code git diff} writes them, applied back to the state they were taken from. */
class UnifiedDiffParserTest {

    private static final String MODIFY = "alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\neta\ntheta\n";
    private static final String LONG = "line one of a file long enough for git to see a rename\n".repeat(12);

    private static ChangeSet parse(String answer) {
        return UnifiedDiffParser.parse(AnswerLines.of(answer));
    }

    @Test
    void aRealGitDiffAppliesBackToTheTreeItCameFrom(@TempDir Path dir) throws Exception {
        GitRepo git = new GitRepo(dir)
                .write("modify.txt", MODIFY)
                .write("crlf.txt", "one\r\ntwo\r\nthree\r\n")
                .write("noeol.txt", "first\nlast")
                .write("gone.txt", "bye\n")
                .write("rename-me.txt", LONG)
                .write("tést ü.txt", "grüße\n")
                .write("script.sh", "echo hi\n");
        git.commit();
        MapFileTree tree = new MapFileTree();
        for (String path : List.of("modify.txt", "crlf.txt", "noeol.txt", "gone.txt", "rename-me.txt", "tést ü.txt",
                "script.sh")) {
            tree.with(path, git.read(path));
        }
        git.write("modify.txt", MODIFY.replace("beta", "BETA").replace("theta\n", "theta\niota\n"))
                .write("crlf.txt", "one\r\nTWO\r\nthree\r\n")
                .write("noeol.txt", "first\nlast but ended\n")
                .write("rename-me.txt", LONG + "and one line more\n")
                .write("tést ü.txt", "grüße, welt\n")
                .write("new dir/new file.txt", "fresh\n")
                .write("empty.txt", "");
        Files.delete(dir.resolve("gone.txt"));
        Files.createDirectories(dir.resolve("moved"));
        git.git("mv", "rename-me.txt", "moved/renamed.txt");
        Files.setPosixFilePermissions(dir.resolve("script.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        String diff = git.stagedDiff();

        ChangePlan.apply(Edits.parse("Here is the diff:\n```diff\n" + diff + "```\n"), tree);

        assertThat(diff).contains("\\ No newline at end of file", "rename from rename-me.txt", "\"a/t\\303\\251st");
        assertThat(tree.files()).containsOnlyKeys("modify.txt", "crlf.txt", "noeol.txt", "moved/renamed.txt",
                "tést ü.txt", "new dir/new file.txt", "empty.txt", "script.sh");
        for (String path : tree.files().keySet()) {
            assertThat(tree.content(path)).as(path).isEqualTo(git.read(path));
        }
        assertThat(tree.isExecutable("script.sh")).isTrue();
    }

    @Test
    void aSymlinkIsANewFileWithModeSymlinkAndTheTargetAsContent(@TempDir Path dir) throws Exception {
        GitRepo git = new GitRepo(dir).write("README.md", "hi\n");
        git.commit();
        Files.createSymbolicLink(dir.resolve("evil"), Path.of("/etc"));

        List<PatchOp> ops = parse(git.stagedDiff()).operations();

        assertThat(ops).containsExactly(new AddFile("evil", "/etc", FileMode.SYMLINK, 1));
    }

    @Test
    void binaryPatchesAreRefusedWithTheLine(@TempDir Path dir) {
        GitRepo git = new GitRepo(dir).writeBytes("logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        git.commit();
        git.writeBytes("logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 3, 4});

        assertThatThrownBy(() -> parse(git.stagedDiff()))
                .isInstanceOf(PatchFormatException.class)
                .hasMessage("line 3: a binary patch for logo.png: binary files cannot be patched, only text files");
        assertThatThrownBy(() -> parse(git.stagedDiff("--binary")))
                .isInstanceOf(PatchFormatException.class)
                .hasMessage("line 3: a binary patch for logo.png: binary files cannot be patched, only text files");
    }

    @Test
    void lineNumbersAreAHintForWhichOfTwoEqualPlacesIsMeant() {
        MapFileTree tree = new MapFileTree().with("a.txt", "x\n1\n2\n3\n4\n5\n6\nx\n9\n");

        ChangePlan.apply(parse("--- a/a.txt\n+++ b/a.txt\n@@ -8,1 +8,1 @@\n-x\n+y\n"), tree);

        assertThat(tree.content("a.txt")).isEqualTo("x\n1\n2\n3\n4\n5\n6\ny\n9\n");
    }

    @Test
    void wrongCountsAreRecountedAndCountedLinesMayLookLikeHeaders() {
        ChangeSet changes = parse("""
                --- a/q.sql
                +++ b/q.sql
                @@ -1,2 +1,1 @@
                --- old comment
                 select 1;
                -select 2;
                +select 3;
                """);

        UpdateFile update = (UpdateFile) changes.operations().get(0);
        assertThat(update.hunks().get(0).oldLines()).containsExactly("-- old comment", "select 1;", "select 2;");
        assertThat(update.hunks().get(0).newLines()).containsExactly("select 1;", "select 3;");
    }

    @Test
    void plainDiffOutputWithTimestampsAndDeletesAreRead() {
        ChangeSet changes = parse("""
                --- a/x.py\t2024-01-01 10:00:00.000000000 +0000
                +++ b/x.py\t2024-01-02 10:00:00.000000000 +0000
                @@ -1 +1 @@
                -a
                +b
                --- a/old.py
                +++ /dev/null
                @@ -1 +0,0 @@
                -gone
                """);

        assertThat(changes.operations()).hasSize(2);
        assertThat(changes.operations().get(0).path()).isEqualTo("x.py");
        assertThat(changes.operations().get(1)).isEqualTo(new DeleteFile("old.py", 6));
    }

    @Test
    void aHunkHeaderWithoutNumbersMatchesByContent() {
        String file = "def main():\n    print(load(\"a.txt\"))\n";

        for (String header : List.of("@@", "@@ @@")) {
            MapFileTree tree = new MapFileTree().with("app.py", file);
            ChangePlan.apply(parse("--- a/app.py\n+++ b/app.py\n" + header + "\n def main():\n"
                    + "-    print(load(\"a.txt\"))\n+    print(load(\"b.txt\"))\n"), tree);
            assertThat(tree.content("app.py")).as(header).isEqualTo(file.replace("a.txt", "b.txt"));
        }
    }

    @Test
    void theOldLineNumberWithItsCountLeftOutPicksTheNearerOfTwoEqualLines() {
        String file = "1\n2\n3\n4\nx\n6\nx\n8\n";
        MapFileTree fifth = new MapFileTree().with("a.txt", file);
        MapFileTree seventh = new MapFileTree().with("a.txt", file);

        // "@@ -5 +5 @@" is "@@ -5,1 +5,1 @@": the one old line is line 5, two lines from the other "x"
        ChangePlan.apply(parse("--- a/a.txt\n+++ b/a.txt\n@@ -5 +5 @@\n-x\n+y\n"), fifth);
        ChangePlan.apply(parse("--- a/a.txt\n+++ b/a.txt\n@@ -7 +7 @@\n-x\n+y\n"), seventh);

        assertThat(fifth.content("a.txt")).isEqualTo("1\n2\n3\n4\ny\n6\nx\n8\n");
        assertThat(seventh.content("a.txt")).isEqualTo("1\n2\n3\n4\nx\n6\ny\n8\n");
    }

    @Test
    void theCountsEndAHunkRightBeforeTheNextFilesNames() {
        ChangeSet changes = parse("""
                --- a/x.txt
                +++ b/x.txt
                @@ -1,3 +1,3 @@
                 a
                -b
                +B
                 c
                --- a/y.txt
                +++ b/y.txt
                @@ -1,2 +1,3 @@
                 p
                -q
                +Q
                +R
                """);

        assertThat(changes.operations()).extracting(PatchOp::path).containsExactly("x.txt", "y.txt");
        UpdateFile x = (UpdateFile) changes.operations().get(0);
        UpdateFile y = (UpdateFile) changes.operations().get(1);
        assertThat(x.hunks()).singleElement().satisfies(hunk -> {
            assertThat(hunk.oldLines()).containsExactly("a", "b", "c");
            assertThat(hunk.newLines()).containsExactly("a", "B", "c");
        });
        assertThat(y.hunks()).singleElement().satisfies(hunk -> {
            assertThat(hunk.oldLines()).containsExactly("p", "q");
            assertThat(hunk.newLines()).containsExactly("p", "Q", "R");
        });
    }

    @Test
    void aNewFileKeepsTheLineEndingEachLineHadInTheAnswer() {
        ChangeSet changes = parse("--- /dev/null\r\n+++ b/n.txt\r\n@@ -0,0 +1,3 @@\r\n+one\r\n+two\n+three\r\n");

        assertThat(changes.operations()).containsExactly(new AddFile("n.txt", "one\r\ntwo\nthree\r\n", FileMode.REGULAR,
                1));
    }

    @Test
    void pastItsCountAHunkReadsOnThroughBlankLinesOnlyWhileHunkLinesFollow() {
        // the header counts one line; a model's blank line (its space trimmed) and two more lines follow
        String hunk = "@@ -1,1 +1,1 @@\n def f():\n\n-    return 1\n+    return 2\n";

        assertThat(hunks(parse("--- a/f.py\n+++ b/f.py\n" + hunk + "\n\n")))
                .as("blank lines at the end of the answer").containsExactly(List.of("def f():", "", "    return 1"));
        assertThat(hunks(parse("--- a/f.py\n+++ b/f.py\n" + hunk + "@@ -9 +9 @@\n-z\n+Z\n")))
                .as("the next hunk").containsExactly(List.of("def f():", "", "    return 1"), List.of("z"));
        assertThat(hunks(parse("--- a/f.py\n+++ b/f.py\n" + hunk + "\nThat is all.\n")))
                .as("blank line before prose").containsExactly(List.of("def f():", "", "    return 1"));
        assertThat(hunks(parse("--- a/f.py\n+++ b/f.py\n" + hunk + "\n--- a/g.py\n+++ b/g.py\n@@ -1 +1 @@\n-g\n+G\n")))
                .as("blank line before the next file").containsExactly(List.of("def f():", "", "    return 1"));
    }

    @Test
    void blankLinesBetweenTwoHunksOfAFileAreSkipped() {
        MapFileTree tree = new MapFileTree().with("a.txt", "x\n1\n2\n3\n4\n5\n6\nz\n");

        ChangePlan.apply(parse("--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-x\n+X\n\n\n@@ -8 +8 @@\n-z\n+Z\n"), tree);

        assertThat(tree.content("a.txt")).isEqualTo("X\n1\n2\n3\n4\n5\n6\nZ\n");
    }

    /** The old lines of each hunk of the first file. */
    private static List<List<String>> hunks(ChangeSet changes) {
        return ((UpdateFile) changes.operations().get(0)).hunks().stream().map(PatchOp.Hunk::oldLines).toList();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("copy", "diff --git a/a b/b\nsimilarity index 100%\ncopy from a\ncopy to b\n",
                        "line 3: copies are not supported: add the new file with its whole content instead"),
                Arguments.of("submodule", "diff --git a/lib b/lib\nnew file mode 160000\nindex 0000000..abc\n",
                        "line 2: a submodule (mode 160000) cannot be changed by a patch"),
                Arguments.of("malformed hunk header", "--- a/x\n+++ b/x\n@@ -a +b @@\n-x\n+y\n",
                        "line 3: malformed hunk header, expected '@@ -<line>,<count> +<line>,<count> @@', found: "
                                + "@@ -a +b @@"),
                Arguments.of("hunk outside a file", "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-x\n+y\nprose\n@@ -5 +5 @@\n-a\n",
                        "line 7: a hunk outside a file diff: every hunk follows its file's '--- a/<path>' and "
                                + "'+++ b/<path>' lines, with nothing in between but other hunks"),
                Arguments.of("two names without rename", "--- a/x.py\n+++ b/y.py\n@@ -1 +1 @@\n-a\n+b\n",
                        "line 1: '--- a/x.py' and '+++ b/y.py' name different files; a rename needs 'rename from "
                                + "x.py' and 'rename to y.py' lines"),
                Arguments.of("new file with context", "--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1,2 @@\n+a\n b\n",
                        "line 3: a new file's hunk only adds lines ('+'), found a context or removed line"),
                Arguments.of("nothing changed", "diff --git a/x b/x\nindex 1..2 100644\n",
                        "line 1: the diff of x changes nothing (no hunk, rename or mode change)"),
                Arguments.of("cut off after the old name", "diff --git a/x b/x\nindex 1..2 100644\n--- a/x\n",
                        "line 1: the diff of x changes nothing (no hunk, rename or mode change)"),
                Arguments.of("prose ending in a dashed line", "I changed nothing.\n--- done",
                        "no file diff ('diff --git a/<path> b/<path>' or '--- a/<path>' and '+++ b/<path>' lines) "
                                + "in the answer"),
                Arguments.of("no file diff", "just prose\n", "no file diff ('diff --git a/<path> b/<path>' or "
                        + "'--- a/<path>' and '+++ b/<path>' lines) in the answer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedDiffsNameTheLine(String name, String diff, String message) {
        assertThatThrownBy(() -> parse(diff)).isInstanceOf(PatchFormatException.class).hasMessage(message);
    }
}
