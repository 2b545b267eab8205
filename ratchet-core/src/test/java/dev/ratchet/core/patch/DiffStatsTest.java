package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.PatchStats;

class DiffStatsTest {

    /** As {@code git diff} writes it: a modified file and a new file. */
    private static final String DIFF = """
            diff --git a/src/app.py b/src/app.py
            index 3b18e51..a8c4f2d 100644
            --- a/src/app.py
            +++ b/src/app.py
            @@ -1,4 +1,6 @@
             import sys
            -def greet():
            -    print("Hi")
            +def greet(name):
            +    return f"Hello, {name}"
            +
            +print(greet(sys.argv[1]))
            diff --git a/tests/test_app.py b/tests/test_app.py
            new file mode 100644
            index 0000000..e69de29
            --- /dev/null
            +++ b/tests/test_app.py
            @@ -0,0 +1,3 @@
            +from app import greet
            +def test_greet():
            +    assert greet("Ada") == "Hello, Ada"
            \\ No newline at end of file
            """;

    @Test
    void countsFilesAndLines() {
        assertThat(DiffStats.of(DIFF)).isEqualTo(new PatchStats(List.of("src/app.py", "tests/test_app.py"), 7, 2));
    }

    @Test
    void renamedAndDeletedFilesAreNamedByTheirNewPath() {
        String diff = """
                diff --git a/old/name.txt b/new/name.txt
                similarity index 100%
                rename from old/name.txt
                rename to new/name.txt
                diff --git a/gone.txt b/gone.txt
                deleted file mode 100644
                index e69de29..0000000
                --- a/gone.txt
                +++ /dev/null
                @@ -1,2 +0,0 @@
                -one
                -two
                """;

        assertThat(DiffStats.of(diff)).isEqualTo(new PatchStats(List.of("new/name.txt", "gone.txt"), 0, 2));
    }

    @Test
    void emptyDiffIsEmpty() {
        assertThat(DiffStats.of(null)).isEqualTo(PatchStats.EMPTY);
        assertThat(DiffStats.of(" \n")).isEqualTo(PatchStats.EMPTY);
    }
}
