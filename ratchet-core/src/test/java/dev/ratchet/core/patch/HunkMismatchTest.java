package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * {@link HunkMismatch}: the error a model gets back for a hunk that does not fit, which must tell it where the hunk
 * was looked for, quote what it expected (bounded: 20 lines of at most 160 characters) and name the lines exactly.
 */
class HunkMismatchTest {

    private static String error(String answer, String path, String content) {
        MapFileTree tree = new MapFileTree().with(path, content);
        return assertThrows(PatchApplyException.class, () -> ChangePlan.apply(Edits.parse(answer), tree))
                .getMessage();
    }

    private static String numbered(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> prefix + i).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void aUnifiedDiffHunkIsSaidToBeExpectedNearItsLineNumber() {
        String message = error("--- a/a.txt\n+++ b/a.txt\n@@ -5,2 +5,2 @@\n four\n-five\n+FIVE\n", "a.txt",
                "one\ntwo\nthree\n");

        assertThat(message).contains("hunk 1 (line 3 of the patch) does not match the file.\n"
                + "It expects these lines near line 5:\n four\n-five\n");
        assertThat(error("--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n zero\n-one\n+ONE\n", "a.txt", "one\ntwo\n"))
                .contains("It expects these lines near line 1:\n zero\n-one\n");
    }

    @Test
    void twentyExpectedLinesAreQuotedAndTheRestCounted() {
        String file = numbered("line ", 1, 30);
        String twenty = numbered(" missing ", 1, 20);
        String twentyThree = numbered(" missing ", 1, 23);

        String exactly = error("*** Begin Patch\n*** Update File: f.txt\n@@\n" + twenty + "+x\n*** End Patch\n",
                "f.txt", file);
        String more = error("*** Begin Patch\n*** Update File: f.txt\n@@\n" + twentyThree + "+x\n*** End Patch\n",
                "f.txt", file);

        assertThat(exactly).contains(twenty).doesNotContain("more)");
        assertThat(more).contains(twenty + "... (3 more)\n").doesNotContain("missing 21");
    }

    @Test
    void aLineOfOneHundredSixtyCharactersIsQuotedWholeALongerOneCut() {
        String exact = "y".repeat(160);
        String longer = "z".repeat(161);

        String message = error("*** Begin Patch\n*** Update File: f.txt\n@@\n " + exact + "\n-" + longer
                + "\n*** End Patch\n", "f.txt", "a\nb\n");

        assertThat(message).contains("\n " + exact + "\n-" + "z".repeat(157) + "...\n");
    }

    @Test
    void overlappingHunksNameBothRangesOfLines() {
        String message = error("""
                *** Begin Patch
                *** Update File: list.txt
                @@
                -c
                -d
                +C
                @@
                -a
                -b
                +A
                *** End Patch
                """, "list.txt", "a\nb\nc\nd\n");

        assertThat(message).contains("hunk 2 (line 7 of the patch) matches lines 1-2, which do not come after hunk 1 "
                + "(lines 3-4)");
    }
}
