package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ratchet.core.patch.PatchOp.AddFile;
import dev.ratchet.core.patch.PatchOp.Line;
import dev.ratchet.core.patch.PatchOp.UpdateFile;

/** SEARCH/REPLACE blocks: the grammar in {@link SearchReplaceParser}'s comment, block by block. */
class SearchReplaceParserTest {

    private static ChangeSet parse(String answer) {
        return SearchReplaceParser.parse(AnswerLines.of(answer));
    }

    @Test
    void aFencedBlockAfterItsPathEditsTheFirstMatch() {
        MapFileTree tree = new MapFileTree().with("mathweb/flask/app.py", "from flask import Flask\n\napp = 1\n");

        ChangePlan.apply(parse("""
                Here is the change:

                mathweb/flask/app.py
                ```python
                <<<<<<< SEARCH
                from flask import Flask
                =======
                import math
                from flask import Flask
                >>>>>>> REPLACE
                ```
                """), tree);

        assertThat(tree.content("mathweb/flask/app.py")).isEqualTo("import math\nfrom flask import Flask\n\napp = 1\n");
    }

    @Test
    void linesInCommonAreContextKeptFromTheFile() {
        ChangeSet changes = parse("a.py\n<<<<<<< SEARCH\nx = 1\ny = 2\nz = 3\n=======\nx = 1\ny = 20\nz = 3\n"
                + ">>>>>>> REPLACE\n");

        UpdateFile update = (UpdateFile) changes.operations().get(0);
        assertThat(update.hunks().get(0).lines()).containsExactly(Line.context("x = 1"), Line.removed("y = 2"),
                Line.added("y = 20"), Line.context("z = 3"));
        assertThat(update.hunks().get(0).placement()).isEqualTo(PatchOp.Placement.ANYWHERE);
    }

    @Test
    void blocksApplyOneAfterAnotherInAnyOrderAndFollowingBlocksKeepThePath() {
        MapFileTree tree = new MapFileTree().with("a.txt", "one\ntwo\nthree\n");

        ChangePlan.apply(parse("""
                **`a.txt`**:
                <<<<<<< SEARCH
                three
                =======
                THREE
                >>>>>>> REPLACE

                <<<<<<< SEARCH
                one
                =======
                ONE
                >>>>>>> REPLACE
                """), tree);

        assertThat(tree.content("a.txt")).isEqualTo("ONE\ntwo\nTHREE\n");
    }

    @Test
    void aSearchEndingInBlankLinesTheFileDoesNotHaveStillMatches() {
        MapFileTree tree = new MapFileTree().with("a.py", "def f():\n    return 1\n");

        ChangePlan.apply(parse("a.py\n<<<<<<< SEARCH\ndef f():\n    return 1\n\n\n=======\ndef f():\n"
                + "    return 2\n>>>>>>> REPLACE\n"), tree);

        assertThat(tree.content("a.py")).isEqualTo("def f():\n    return 2\n");
    }

    @Test
    void anEmptySearchCreatesAFile() {
        assertThat(parse("File: docs/new.md\n<<<<<<< SEARCH\n=======\n# New\n\ntext\n>>>>>>> REPLACE\n")
                .operations()).containsExactly(new AddFile("docs/new.md", "# New\n\ntext\n", FileMode.REGULAR, 2));
    }

    @Test
    void anEmptySearchOnAnExistingFileIsAnError() {
        MapFileTree tree = new MapFileTree().with("a.txt", "x\n");

        assertThatThrownBy(() -> ChangePlan.apply(parse("a.txt\n<<<<<<< SEARCH\n=======\ny\n>>>>>>> REPLACE\n"),
                tree))
                .isInstanceOf(PatchApplyException.class)
                .hasMessage("a.txt (SEARCH/REPLACE block at line 2) already exists");
    }

    @Test
    void aSearchThatIsNotInTheFileShowsTheClosestLines() {
        MapFileTree tree = new MapFileTree().with("a.py", "def f():\n    return 1\n");

        assertThatThrownBy(() -> ChangePlan.apply(parse("a.py\n<<<<<<< SEARCH\ndef f():\n    return 2\n=======\n"
                + "def f():\n    return 3\n>>>>>>> REPLACE\n"), tree))
                .isInstanceOf(PatchApplyException.class)
                .hasMessage("""
                        a.py (SEARCH/REPLACE block at line 2): hunk 1 (line 2 of the patch) does not match the file.
                        It expects these lines:
                         def f():
                        -    return 2
                        The closest lines in the file are lines 1-2:
                            1| def f():
                            2|     return 1
                        Copy the context and '-' lines exactly from the file.""");
    }

    @Test
    void cleanPathDropsMarkdownDecoration() {
        assertThat(List.of("src/a.py", "`src/a.py`", "**src/a.py**", "### src/a.py", "Path: src/a.py", "src/a.py:"))
                .allSatisfy(line -> assertThat(SearchReplaceParser.cleanPath(line)).isEqualTo("src/a.py"));
        assertThat(SearchReplaceParser.cleanPath("Here is the change:")).isNull();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("no path", "<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n",
                        "line 1: no file path for this SEARCH block: write the file's path alone on the line before "
                                + "it"),
                Arguments.of("prose instead of a path", "Here is the change:\n<<<<<<< SEARCH\na\n=======\nb\n"
                        + ">>>>>>> REPLACE\n", "line 2: no file path for this SEARCH block: write the file's path "
                                + "alone on the line before it, found: Here is the change:"),
                Arguments.of("no divider", "a.txt\n<<<<<<< SEARCH\na\n", "line 2: the block opened here has no "
                        + "'=======' line"),
                Arguments.of("no replace marker", "a.txt\n<<<<<<< SEARCH\na\n=======\nb\n",
                        "line 2: the block opened here has no '>>>>>>> REPLACE' line"),
                Arguments.of("replace before divider", "a.txt\n<<<<<<< SEARCH\na\n>>>>>>> REPLACE\n",
                        "line 4: found '>>>>>>> REPLACE' before the '=======' line of the block opened at line 2"),
                Arguments.of("nested search", "a.txt\n<<<<<<< SEARCH\na\n=======\n<<<<<<< SEARCH\n",
                        "line 5: found '<<<<<<< SEARCH' before the '>>>>>>> REPLACE' line of the block opened at "
                                + "line 2"),
                Arguments.of("stray replace marker", "a.txt\n>>>>>>> REPLACE\n",
                        "line 2: '>>>>>>> REPLACE' without an opening '<<<<<<< SEARCH' line"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedBlocksNameTheLine(String name, String answer, String message) {
        assertThatThrownBy(() -> parse(answer)).isInstanceOf(PatchFormatException.class).hasMessage(message);
    }

    @Test
    void blocksOnOneFileInARowAreOneUpdateAndEachFileKeepsItsPlaceInTheAnswer() {
        ChangeSet changes = parse("a.py\n<<<<<<< SEARCH\nx = 1\n=======\nx = 2\n>>>>>>> REPLACE\n"
                + "a.py\n<<<<<<< SEARCH\ny = 1\n=======\ny = 2\n>>>>>>> REPLACE\n"
                + "b.py\n<<<<<<< SEARCH\n=======\nnew = True\n>>>>>>> REPLACE\n"
                + "c.py\n<<<<<<< SEARCH\nz = 1\n=======\nz = 2\n>>>>>>> REPLACE\n"
                + "a.py\n<<<<<<< SEARCH\nw = 1\n=======\nw = 2\n>>>>>>> REPLACE\n");

        assertThat(changes.operations()).extracting(op -> op instanceof UpdateFile u
                ? "UpdateFile " + u.path() + " " + u.hunks().size()
                : "AddFile " + ((PatchOp.AddFile) op).path()).containsExactly("UpdateFile a.py 2", "AddFile b.py", "UpdateFile c.py 1", "UpdateFile a.py 1");
    }
}
