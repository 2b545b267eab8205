package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.patch.PatchOp.Line;

/**
 * {@link LineDiff}, which turns a SEARCH/REPLACE block into hunk lines: the lines both parts have are context (kept
 * from the file as it is there), a replaced line is removed before its replacement is added, and a block past the
 * 4,000,000-cell table is removed and added whole.
 */
class LineDiffTest {

    @Test
    void linesBothPartsHaveAreContextAndTheRestIsRemovedThenAdded() {
        assertThat(LineDiff.lines(List.of("a"), List.of("x", "a"))).containsExactly(Line.added("x"), Line.context("a"));
        assertThat(LineDiff.lines(List.of("x", "a"), List.of("a"))).containsExactly(Line.removed("x"),
                Line.context("a"));
        assertThat(LineDiff.lines(List.of("a"), List.of("a", "y"))).containsExactly(Line.context("a"), Line.added("y"));
        assertThat(LineDiff.lines(List.of("a", "z"), List.of("a"))).containsExactly(Line.context("a"),
                Line.removed("z"));
        assertThat(LineDiff.lines(List.of("a"), List.of("b"))).containsExactly(Line.removed("a"), Line.added("b"));
        // two lines swapped: one kept, the other moved (removed above, added below)
        assertThat(LineDiff.lines(List.of("y", "a"), List.of("a", "y"))).containsExactly(Line.removed("y"),
                Line.context("a"), Line.added("y"));
        assertThat(LineDiff.lines(List.of("def f():", "    return 1", ""), List.of("def f():", "    return 2", "")))
                .containsExactly(Line.context("def f():"), Line.removed("    return 1"), Line.added("    return 2"),
                        Line.context(""));
    }

    @Test
    void aBlockOfTwoThousandLinesEachSideIsRemovedAndAddedWhole() {
        // 1,999 by 1,999 lines is a table of 2,000 x 2,000 = 4,000,000 cells, the most allowed; one line more is not
        List<String> largest = Collections.nCopies(1_999, "same");
        List<String> tooLarge = Collections.nCopies(2_000, "same");

        assertThat(LineDiff.lines(largest, largest)).hasSize(1_999).allMatch(line -> line.kind() == Line.Kind.CONTEXT);
        List<Line> whole = LineDiff.lines(tooLarge, tooLarge);
        assertThat(whole).hasSize(4_000);
        assertThat(whole.subList(0, 2_000)).allMatch(line -> line.kind() == Line.Kind.REMOVED);
        assertThat(whole.subList(2_000, 4_000)).allMatch(line -> line.kind() == Line.Kind.ADDED);
    }
}
