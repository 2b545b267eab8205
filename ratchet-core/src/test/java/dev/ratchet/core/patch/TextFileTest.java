package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A file as the patchers edit it: its lines, each line's ending, and which lines the patch added. */
class TextFileTest {

    @Test
    void aFileThatStartsWithAnEmptyLineKeepsIt() {
        TextFile file = TextFile.parse("\nx\n");

        assertThat(file.size()).isEqualTo(2);
        assertThat(file.render(true)).isEqualTo("\nx\n");
        assertThat(TextFile.parse("\r\nx\r\n").render(true)).isEqualTo("\r\nx\r\n");
    }

    @Test
    void aHunkReplacesItsLinesAndMarksOnlyTheAddedOnesWithTheFilesOwnEnding() {
        TextFile file = TextFile.parse("a\r\nb\r\nc\r\n");

        file.replace(1, List.of(PatchOp.Line.removed("b"), PatchOp.Line.added("B1"), PatchOp.Line.added("B2"),
                PatchOp.Line.context("c")));

        assertThat(file.render(true)).isEqualTo("a\r\nB1\r\nB2\r\nc\r\n");
        assertThat(file.size()).isEqualTo(4);
        assertThat(file.added).containsExactly(false, true, true, false);
        assertThat(file.texts).containsExactly("a", "B1", "B2", "c");
    }

    @Test
    void aRemovalLeavesNoTraceInTheAddedMarks() {
        TextFile file = TextFile.parse("a\nb\nc\nd\n");

        file.replace(1, List.of(PatchOp.Line.removed("b"), PatchOp.Line.removed("c")));

        assertThat(file.render(true)).isEqualTo("a\nd\n");
        assertThat(file.added).containsExactly(false, false);
    }

    @Test
    void linesAfterAReplacedOneKeepTheirOwnEndings() {
        TextFile file = TextFile.parse("a\r\nb\nc\n");

        file.replace(0, List.of(PatchOp.Line.removed("a"), PatchOp.Line.added("A")));

        assertThat(file.render(true)).as("the added line takes the file's first ending; b and c keep theirs")
                .isEqualTo("A\r\nb\nc\n");
    }
}
