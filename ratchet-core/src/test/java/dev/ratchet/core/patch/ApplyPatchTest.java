package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.Fixtures;
import dev.ratchet.core.patch.PatchOp.AddFile;
import dev.ratchet.core.patch.PatchOp.DeleteFile;
import dev.ratchet.core.patch.PatchOp.Hunk;
import dev.ratchet.core.patch.PatchOp.UpdateFile;

class ApplyPatchTest {

    private static String instructions;

    @BeforeAll
    static void readInstructions() {
        instructions = Fixtures.read("codex-apply-patch/apply_patch_tool_instructions.md");
    }

    /** The "A full patch can combine several operations" example of the Codex apply_patch instructions. */
    static String fullExample() {
        int intro = instructions.indexOf("A full patch can combine several operations:");
        assertThat(intro).as("example intro in fixture").isPositive();
        int begin = instructions.indexOf("*** Begin Patch", intro);
        String end = "*** End Patch\n";
        int stop = instructions.indexOf(end, begin);
        assertThat(begin).isPositive();
        assertThat(stop).isGreaterThan(begin);
        return instructions.substring(begin, stop + end.length());
    }

    @Test
    void parsesTheFullExampleOfTheInstructions() {
        ApplyPatch patch = ApplyPatch.parse(fullExample());

        assertThat(patch.operations()).containsExactly(
                new AddFile("hello.txt", "Hello world\n"),
                new UpdateFile("src/app.py", "src/main.py", List.of(new Hunk(List.of("def greet():"),
                        List.of("print(\"Hi\")"), List.of("print(\"Hello, world!\")"), false))),
                new DeleteFile("obsolete.txt"));
    }

    @Test
    void findsTheEnvelopeInsideFencesAndProse() {
        String answer = "Sure! Here is the change you asked for.\n\n```\n" + fullExample()
                + "```\n\nLet me know if you want anything else. *** Not a header";

        assertThat(ApplyPatch.parse(answer)).isEqualTo(ApplyPatch.parse(fullExample()));
    }

    @Test
    void toleratesCarriageReturnsAndIndentedEndMarker() {
        String answer = "```diff\r\n*** Begin Patch\r\n*** Delete File: a.txt\r\n  *** End Patch  \r\n```";

        assertThat(ApplyPatch.parse(answer).operations()).containsExactly(new DeleteFile("a.txt"));
    }

    @Test
    void readsSeveralAnchorsAndTheEndOfFileMarker() {
        String patch = """
                *** Begin Patch
                *** Update File: src/base.py
                @@ class BaseClass
                @@ \t def method():
                     a = 1
                -    return a
                +    return a + 1
                *** End of File
                *** End Patch
                """;

        UpdateFile update = (UpdateFile) ApplyPatch.parse(patch).operations().get(0);

        assertThat(update.moveTo()).isNull();
        assertThat(update.hunks()).containsExactly(new Hunk(List.of("class BaseClass", "def method():"),
                List.of("    a = 1", "    return a"), List.of("    a = 1", "    return a + 1"), true));
    }

    @Test
    void strayHtmlCommentFromTheInstructionsIsNotContent() {
        String comment = instructions.lines().filter(l -> l.startsWith("<!--")).findFirst().orElseThrow();
        String patch = "*** Begin Patch\n*** Update File: a.py\n@@\n x = 1\n-y = 2\n+y = 3\n" + comment
                + "\n z = 4\n*** End Patch\n";

        Hunk hunk = ((UpdateFile) ApplyPatch.parse(patch).operations().get(0)).hunks().get(0);

        assertThat(comment).isEqualTo("<!-- apply-patch/apply_patch_tool_instructions.md -->");
        assertThat(hunk.oldLines()).containsExactly("x = 1", "y = 2", "z = 4");
        assertThat(hunk.newLines()).containsExactly("x = 1", "y = 3", "z = 4");
    }

    @Test
    void separatesHunksAndDropsBlankSpacingLines() {
        String patch = """
                *** Begin Patch
                *** Update File: notes.txt
                @@
                 one
                -two
                +TWO

                @@
                 five
                +six

                *** Add File: docs/new.md
                +# New
                +
                +text
                *** End Patch
                """;

        List<PatchOp> ops = ApplyPatch.parse(patch).operations();

        assertThat(ops).hasSize(2);
        UpdateFile update = (UpdateFile) ops.get(0);
        assertThat(update.hunks()).containsExactly(
                new Hunk(List.of(), List.of("one", "two"), List.of("one", "TWO"), false),
                new Hunk(List.of(), List.of("five"), List.of("five", "six"), false));
        assertThat(ops.get(1)).isEqualTo(new AddFile("docs/new.md", "# New\n\ntext\n"));
    }

    @Test
    void renameWithoutHunksIsAllowed() {
        String patch = "*** Begin Patch\n*** Update File: a.txt\n*** Move to: b/a.txt\n*** End Patch";

        assertThat(ApplyPatch.parse(patch).operations()).containsExactly(new UpdateFile("a.txt", "b/a.txt",
                List.of()));
    }

    @Test
    void pathsAreNormalised() {
        String patch = "*** Begin Patch\n*** Delete File: src/./util/../app.py\n"
                + "*** Delete File: .github/workflows/ci.yml\n*** End Patch";

        assertThat(ApplyPatch.parse(patch).operations()).extracting(PatchOp::path)
                .containsExactly("src/app.py", ".github/workflows/ci.yml");
    }

    @Test
    void noEnvelopeIsRefused() {
        assertThatThrownBy(() -> ApplyPatch.parse("I changed app.py to greet the user."))
                .isInstanceOf(PatchFormatException.class)
                .hasMessageContaining("no '*** Begin Patch' ... '*** End Patch' envelope");
        assertThatThrownBy(() -> ApplyPatch.parse("*** Begin Patch\n*** Add File: a\n+x\n"))
                .isInstanceOf(PatchFormatException.class)
                .hasMessageContaining("envelope");
        assertThatThrownBy(() -> ApplyPatch.parse(null)).isInstanceOf(PatchFormatException.class);
    }

    @Test
    void emptyEnvelopeIsRefused() {
        assertThatThrownBy(() -> ApplyPatch.parse("*** Begin Patch\n\n*** End Patch"))
                .isInstanceOf(PatchFormatException.class)
                .hasMessage("the patch has no file operations");
    }

    @Test
    void absolutePathIsRefused() {
        assertThatThrownBy(() -> ApplyPatch.parse("*** Begin Patch\n*** Add File: /etc/passwd\n+x\n*** End Patch"))
                .isInstanceOf(PatchFormatException.class)
                .hasMessageContaining("absolute path /etc/passwd");
        assertThatThrownBy(() -> ApplyPatch.parse("*** Begin Patch\n*** Delete File: C:\\x.txt\n*** End Patch"))
                .isInstanceOf(PatchFormatException.class)
                .hasMessageContaining("absolute path");
    }

    @Test
    void parentPathIsRefused() {
        for (String path : List.of("../outside.txt", "src/../../outside.txt", "..")) {
            assertThatThrownBy(() -> ApplyPatch.parse("*** Begin Patch\n*** Delete File: " + path
                    + "\n*** End Patch"))
                    .as(path)
                    .isInstanceOf(PatchFormatException.class)
                    .hasMessageContaining("leaves the repository");
        }
        assertThatThrownBy(() -> ApplyPatch.parse("*** Begin Patch\n*** Update File: a.txt\n*** Move to: ../b.txt"
                + "\n*** End Patch"))
                .isInstanceOf(PatchFormatException.class)
                .hasMessageContaining("leaves the repository");
    }

    @Test
    void pathUnderGitIsRefused() {
        for (String path : List.of(".git/config", "./.git/hooks/pre-commit", "src/../.git/HEAD")) {
            assertThatThrownBy(() -> ApplyPatch.parse("*** Begin Patch\n*** Add File: " + path
                    + "\n+x\n*** End Patch"))
                    .as(path)
                    .isInstanceOf(PatchFormatException.class)
                    .hasMessageContaining("is inside .git");
        }
    }

    @Test
    void emptyPathIsRefused() {
        assertThatThrownBy(() -> ApplyPatch.parse("*** Begin Patch\n*** Delete File:  \n*** End Patch"))
                .isInstanceOf(PatchFormatException.class)
                .hasMessageContaining("empty path");
    }

    @Test
    void addedFileLineWithoutPlusIsRefused() {
        String patch = "*** Begin Patch\n*** Add File: hello.txt\n+Hello\nworld\n*** End Patch";

        assertThatThrownBy(() -> ApplyPatch.parse(patch))
                .isInstanceOf(PatchFormatException.class)
                .hasMessage("line 3: every line of an added file starts with '+', found: world");
    }

    @Test
    void hunkLineWithBadPrefixIsRefused() {
        String patch = "*** Begin Patch\n*** Update File: a.py\n@@\n x = 1\n*y = 2\n+y = 3\n*** End Patch";

        assertThatThrownBy(() -> ApplyPatch.parse(patch))
                .isInstanceOf(PatchFormatException.class)
                .hasMessage("line 4 in a.py: hunk lines start with ' ', '-' or '+', found: *y = 2");
    }

    @Test
    void hunkThatChangesNothingIsRefused() {
        String patch = "*** Begin Patch\n*** Update File: a.py\n@@ def f():\n x = 1\n y = 2\n*** End Patch";

        assertThatThrownBy(() -> ApplyPatch.parse(patch))
                .isInstanceOf(PatchFormatException.class)
                .hasMessage("a hunk of a.py changes nothing");
    }

    @Test
    void updateWithoutHunksIsRefused() {
        String patch = "*** Begin Patch\n*** Update File: a.py\n*** Delete File: b.py\n*** End Patch";

        assertThatThrownBy(() -> ApplyPatch.parse(patch))
                .isInstanceOf(PatchFormatException.class)
                .hasMessage("*** Update File: a.py has no hunks");
    }

    @Test
    void unknownHeaderIsRefused() {
        String patch = "*** Begin Patch\n*** Rename File: a.py\n*** End Patch";

        assertThatThrownBy(() -> ApplyPatch.parse(patch))
                .isInstanceOf(PatchFormatException.class)
                .hasMessageStartingWith("line 1: expected a file header")
                .hasMessageEndingWith("found: *** Rename File: a.py");
    }

    @Test
    void longOffendingLinesAreAbbreviated() {
        String longLine = "x".repeat(200);

        assertThatThrownBy(() -> ApplyPatch.parse("*** Begin Patch\n" + longLine + "\n*** End Patch"))
                .isInstanceOf(PatchFormatException.class)
                .hasMessageEndingWith("x".repeat(77) + "...");
    }
}
