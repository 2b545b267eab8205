package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link LineMatcher}: where a hunk's old lines are found. A unified diff's line number is a hint, not a promise
 * (models miscount), so the nearest match to it wins, on both sides and through every looser way; an anchor that is
 * only part of a line still finds it, after an exact one; the closest lines quoted back when nothing fits.
 */
class LineMatcherTest {

    /** A Python file whose {@code return total} occurs three times (lines 3, 8 and 13; indexes 2, 7 and 12). */
    private static final List<String> REPORT = List.of(
            "def subtotal(items):",
            "    total = sum(items)",
            "    return total",
            "",
            "",
            "def tax(items):",
            "    total = sum(items) * 0.2",
            "    return total",
            "",
            "",
            "def grand_total(items):",
            "    total = subtotal(items) + tax(items)",
            "    return total");

    private static final List<String> RETURN = List.of("    return total");

    @Test
    void aHintedSearchTakesTheMatchNearestTheHintOnEitherSide() {
        LineMatcher matcher = new LineMatcher(REPORT);

        assertThat(matcher.find(RETURN, 0, false, 7)).as("on the hint").isEqualTo(7);
        assertThat(matcher.find(RETURN, 0, false, 5)).as("two lines after the hint").isEqualTo(7);
        assertThat(matcher.find(RETURN, 0, false, 4)).as("two lines before the hint").isEqualTo(2);
        assertThat(matcher.find(RETURN, 0, false, 11)).as("one line after the hint").isEqualTo(12);
        assertThat(matcher.find(RETURN, 0, false, 9)).as("two lines before the hint").isEqualTo(7);
    }

    @Test
    void aHintBeyondTheFileStillFindsTheFirstLine() {
        List<String> lines = List.of("#!/bin/sh", "set -eu", "echo one", "echo two", "echo three");

        // the model said line 40 of a five-line script; the only match is the first line, the farthest from it
        assertThat(new LineMatcher(lines).find(List.of("#!/bin/sh"), 0, false, 40)).isZero();
        assertThat(new LineMatcher(lines).find(List.of("#!/bin/sh", "set -eu"), 0, false, 3)).isZero();
    }

    @Test
    void aHintedSearchStaysAtOrAfterFrom() {
        LineMatcher matcher = new LineMatcher(REPORT);

        // hunk 2 of a diff may not match before hunk 1 ended: the nearer match at index 2 is before from = 5
        assertThat(matcher.find(RETURN, 5, false, 2)).isEqualTo(7);
        assertThat(matcher.find(RETURN, 8, false, 0)).isEqualTo(12);
        assertThat(matcher.find(List.of("def subtotal(items):"), 1, false, 0)).isEqualTo(-1);
    }

    @Test
    void aHintedSearchFallsBackToLooserWaysOverTheWholeFile() {
        List<String> lines = List.of("a = 1", "b = 2   ", "c = 3", "d = 4", "  e = 5", "f = 6");
        LineMatcher matcher = new LineMatcher(lines);

        // no exact match anywhere: the second way (trailing white space) finds line 2 far from the hint
        assertThat(matcher.find(List.of("b = 2"), 0, false, 5)).isEqualTo(1);
        // the third way (white space around) finds line 5; a hint past the end counts as the last place that fits
        assertThat(matcher.find(List.of("e = 5", "f = 6"), 0, false, 9)).isEqualTo(4);
        // the fourth way: a model's typographic dash and quotes
        assertThat(new LineMatcher(List.of("x = 1", "say(\"it's - fine\")")).find(
                List.of("say(\u201Cit\u2019s \u2013 fine\u201D)"), 0, false, 0)).isEqualTo(1);
        assertThat(matcher.find(List.of("g = 7"), 0, false, 3)).isEqualTo(-1);
    }

    @Test
    void anEmptyPatternMatchesWhereTheSearchStarts() {
        assertThat(new LineMatcher(REPORT).find(List.of(), 6, false, -1)).isEqualTo(6);
        assertThat(new LineMatcher(REPORT).find(List.of(), 0, false, 9)).isZero();
    }

    @Test
    void anAnchorThatIsPartOfALineFindsIt() {
        List<String> lines = List.of("import abc", "", "class Shape(abc.ABC):", "    def area(self):",
                "        raise NotImplementedError");
        LineMatcher matcher = new LineMatcher(lines);

        // "@@ class Shape" as the tool instructions write anchors, for "class Shape(abc.ABC):"
        assertThat(matcher.findAnchor("class Shape", 0)).isEqualTo(2);
        assertThat(matcher.findAnchor("def area", 1)).isEqualTo(3);
        assertThat(matcher.findAnchor("class Shape", 3)).as("only at or after from").isEqualTo(-1);
        assertThat(matcher.findAnchor("class Circle", 0)).isEqualTo(-1);
    }

    @Test
    void anExactAnchorWinsOverAnEarlierLineThatContainsIt() {
        List<String> lines = List.of("async def test():", "    await run()", "", "def test():", "    run()");

        assertThat(new LineMatcher(lines).findAnchor("def test():", 0)).isEqualTo(3);
    }

    @Test
    void theClosestLinesAreWhereMostPatternLinesLineUp() {
        LineMatcher matcher = new LineMatcher(REPORT);

        // the model misremembered the multiplier: two of three lines line up at index 5 (lines 6-8)
        assertThat(matcher.closest(List.of("def tax(items):", "    total = sum(items) * 0.25", "    return total")))
                .isEqualTo(5);
        // every "return total" lines up the same with a one-line pattern: the first place wins
        assertThat(matcher.closest(RETURN)).isEqualTo(2);
        assertThat(matcher.closest(List.of("    total = sum(items) * 0.2", "    return totals"))).isEqualTo(6);
        assertThat(matcher.closest(List.of("import math", "def subtotal(items):"))).as("not before the first line")
                .isZero();
        assertThat(matcher.closest(List.of("    return None", "", ""))).as("blank lines are no evidence")
                .isEqualTo(-1);
    }
}
