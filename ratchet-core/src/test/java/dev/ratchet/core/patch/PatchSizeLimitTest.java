package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatchSizeLimitTest {

    private static String section(String file, int lines) {
        StringBuilder diff = new StringBuilder("diff --git a/" + file + " b/" + file + "\n--- a/" + file + "\n+++ b/"
                + file + "\n@@ -1 +1," + lines + " @@\n");
        for (int i = 0; i < lines; i++) {
            diff.append("+line ").append(i).append(" of ").append(file).append('\n');
        }
        return diff.toString();
    }

    @Test
    void aPatchWithinTheLimitPasses() {
        assertThat(PatchSizeLimit.check(section("a.txt", 10), 1024 * 1024)).isEmpty();
    }

    @Test
    void anOversizedPatchNamesItsSizeTheLimitAndTheBiggestFilesFirst() {
        String diff = section("small.py", 5) + section("huge/data.csv", 60_000) + section("medium.py", 20_000)
                + section("tiny.md", 1);

        String why = PatchSizeLimit.check(diff, 1024 * 1024).orElseThrow();

        assertThat(why).startsWith("the patch is 2.1 MiB, over the 1.0 MiB limit; biggest files: huge/data.csv (1.6 MiB)")
                .contains("), medium.py (").contains("), small.py (").doesNotContain("tiny.md")
                .endsWith("Change less per step, or split the step");
    }

    @Test
    void sizesAreBytesNotCharacters() {
        String diff = section("unicode.txt", 1).replace("line", "€€€€");
        long chars = diff.length();

        assertThat(PatchSizeLimit.check(diff, chars)).isPresent();
        assertThat(PatchSizeLimit.human(1536)).isEqualTo("1.5 KiB");
        assertThat(PatchSizeLimit.human(12)).isEqualTo("12 B");
    }

    @Test
    void aPatchExactlyAtTheLimitFitsAndOneByteMoreDoesNot() {
        String diff = section("a.txt", 3);
        long size = diff.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;

        assertThat(PatchSizeLimit.check(diff, size)).isEmpty();
        assertThat(PatchSizeLimit.check(diff, size - 1)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("the patch is " + size + " B, over the " + (size - 1) + " B limit; biggest files: a.txt ("));
    }

    @Test
    void unitsChangeExactlyAtOneKibibyteAndOneMebibyte() {
        assertThat(PatchSizeLimit.human(1023)).isEqualTo("1023 B");
        assertThat(PatchSizeLimit.human(1024)).isEqualTo("1.0 KiB");
        assertThat(PatchSizeLimit.human(1024 * 1024 - 1)).isEqualTo("1024.0 KiB");
        assertThat(PatchSizeLimit.human(1024 * 1024)).isEqualTo("1.0 MiB");
    }
}
