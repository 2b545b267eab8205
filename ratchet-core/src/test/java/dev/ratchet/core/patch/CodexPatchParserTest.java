package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ratchet.core.Fixtures;
import dev.ratchet.core.patch.PatchOp.AddFile;
import dev.ratchet.core.patch.PatchOp.Hunk;
import dev.ratchet.core.patch.PatchOp.Line;
import dev.ratchet.core.patch.PatchOp.UpdateFile;

/** The Codex envelope: the reference parser's grammar and leniency, and the deliberate differences. */
class CodexPatchParserTest {

    private static List<PatchOp> parse(String answer) {
        return CodexPatchParser.parse(answer).operations();
    }

    private static Hunk onlyHunk(String answer) {
        return ((UpdateFile) parse(answer).get(0)).hunks().get(0);
    }

    @Test
    void markersAndHeadersMayBePaddedWithWhiteSpace() {
        String patch = "*** Begin Patch \n  *** Update File: foo.txt\n@@\n-old\n+new\n *** End Patch\n";

        assertThat(parse(patch)).extracting(PatchOp::path).containsExactly("foo.txt");
    }

    @Test
    void theFirstHunkMayLeaveOutItsAtAtLine() {
        Hunk hunk = onlyHunk("*** Begin Patch\n*** Update File: file2.py\n import foo\n+bar\n*** End Patch");

        assertThat(hunk.anchors()).isEmpty();
        assertThat(hunk.oldLines()).containsExactly("import foo");
        assertThat(hunk.newLines()).containsExactly("import foo", "bar");
    }

    @Test
    void anEmptyLineInsideAHunkIsAnEmptyContextLine() {
        Hunk hunk = onlyHunk("*** Begin Patch\n*** Update File: a.py\n@@ ctx\n\n context\n-remove\n+add\n"
                + " context2\n*** End Patch");

        assertThat(hunk.anchors()).containsExactly("ctx");
        assertThat(hunk.oldLines()).containsExactly("", "context", "remove", "context2");
        assertThat(hunk.newLines()).containsExactly("", "context", "add", "context2");
    }

    @Test
    void anAddedFileWithoutLinesIsEmpty() {
        assertThat(parse("*** Begin Patch\n*** Add File: empty.txt\n*** End Patch"))
                .containsExactly(new AddFile("empty.txt", "", FileMode.REGULAR, 2));
    }

    @Test
    void severalAnchorsAndTheEndOfFileMarker() {
        Hunk hunk = onlyHunk("""
                *** Begin Patch
                *** Update File: src/base.py
                @@ class BaseClass
                @@ \t def method():
                     a = 1
                -    return a
                +    return a + 1
                *** End of File
                *** End Patch
                """);

        assertThat(hunk).isEqualTo(new Hunk(List.of("class BaseClass", "def method():"), List.of(
                Line.context("    a = 1"), Line.removed("    return a"), Line.added("    return a + 1")), true, 3));
        assertThat(hunk.placement()).isEqualTo(PatchOp.Placement.AT_END);
    }

    @Test
    void aUnifiedDiffHeaderGivesItsSectionAsTheAnchor() {
        Hunk hunk = onlyHunk("*** Begin Patch\n*** Update File: a.py\n@@ -3,2 +3,2 @@ def f():\n-x\n+y\n"
                + "*** End Patch");

        assertThat(hunk.anchors()).containsExactly("def f():");
    }

    @Test
    void aHunkOfContextOnlyIsAcceptedAsTheReferenceDoes() {
        Hunk hunk = onlyHunk("*** Begin Patch\n*** Update File: a.py\n@@ def f():\n x = 1\n*** End Patch");

        assertThat(hunk.oldLines()).isEqualTo(hunk.newLines()).containsExactly("x = 1");
    }

    @Test
    void aRenameWithoutHunksIsAllowed() {
        assertThat(parse("*** Begin Patch\n*** Update File: a.txt\n*** Move to: b/a.txt\n*** End Patch"))
                .containsExactly(new UpdateFile("a.txt", "b/a.txt", List.of(), null, 2));
    }

    @Test
    void severalEnvelopesAndAHeredocWrapperAreRead() {
        String answer = "apply_patch <<'EOF'\n*** Begin Patch\n*** Delete File: a.txt\n*** End Patch\nEOF\n"
                + "and then\n*** Begin Patch\n*** Delete File: b.txt\n*** End Patch\n";

        assertThat(parse(answer)).extracting(PatchOp::path).containsExactly("a.txt", "b.txt");
    }

    @Test
    void carriageReturnsAreLineEndingsAndNewFilesKeepThem() {
        String answer = "```diff\r\n*** Begin Patch\r\n*** Add File: a.txt\r\n+one\r\n+two\r\n  *** End Patch  \r\n```";

        assertThat(parse(answer)).containsExactly(new AddFile("a.txt", "one\r\ntwo\r\n", FileMode.REGULAR, 3));
    }

    @Test
    void strayHtmlCommentFromTheInstructionsIsNotContent() {
        String instructions = Fixtures.read("codex-apply-patch/apply_patch_tool_instructions.md");
        String comment = instructions.lines().filter(l -> l.startsWith("<!--")).findFirst().orElseThrow();

        Hunk hunk = onlyHunk("*** Begin Patch\n*** Update File: a.py\n@@\n x = 1\n-y = 2\n+y = 3\n" + comment
                + "\n z = 4\n*** End Patch\n");

        assertThat(comment).isEqualTo("<!-- apply-patch/apply_patch_tool_instructions.md -->");
        assertThat(hunk.oldLines()).containsExactly("x = 1", "y = 2", "z = 4");
        assertThat(hunk.newLines()).containsExactly("x = 1", "y = 3", "z = 4");
    }

    static Stream<Arguments> malformed() {
        String begin = "*** Begin Patch\n";
        String end = "*** End Patch\n";
        return Stream.of(
                Arguments.of("prose only", "I changed app.py to greet the user.",
                        "no '*** Begin Patch' ... '*** End Patch' envelope in the answer"),
                Arguments.of("no end marker", begin + "*** Add File: a\n+x\n",
                        "line 1: the envelope opened by '*** Begin Patch' is never closed: end it with a "
                                + "'*** End Patch' line"),
                Arguments.of("empty envelope", begin + "\n" + end, "the patch has no file operations"),
                Arguments.of("end right after begin", begin + end, "the patch has no file operations"),
                Arguments.of("unknown header", begin + "*** Rename File: a.py\n" + end,
                        "line 2: expected a file header ('*** Add File: <path>', '*** Delete File: <path>' or "
                                + "'*** Update File: <path>'), found: *** Rename File: a.py"),
                Arguments.of("added line without +", begin + "*** Add File: hello.txt\n+Hello\nworld\n" + end,
                        "line 4: every line of an added file starts with '+', found: world"),
                Arguments.of("empty line inside an added file", begin + "*** Add File: a.txt\n+a\n\n+b\n" + end,
                        "line 4: every line of an added file starts with '+' (a '+' alone for an empty line), "
                                + "found an empty line"),
                Arguments.of("bad hunk line", begin + "*** Update File: a.py\n@@\n x = 1\n*y = 2\n+y = 3\n" + end,
                        "line 5: in *** Update File: a.py, each hunk line starts with ' ' (context), '-' "
                                + "(removed) or '+' (added), found: *y = 2"),
                Arguments.of("update without hunks", begin + "*** Update File: a.py\n*** Delete File: b.py\n" + end,
                        "line 2: *** Update File: a.py has no hunks"),
                Arguments.of("hunk without lines", begin + "*** Update File: a.py\n@@\n*** Delete File: b.py\n"
                        + end, "line 3: a hunk of *** Update File: a.py has no lines"),
                Arguments.of("end of file marker first", begin + "*** Update File: a.py\n@@\n*** End of File\n" + end,
                        "line 4: '*** End of File' must directly follow the last line of a hunk"),
                Arguments.of("second hunk without @@", begin + "*** Update File: a.py\n@@\n-a\n+b\n"
                        + "*** End of File\n c\n" + end,
                        "line 7: the next hunk of *** Update File: a.py must start with '@@', found:  c"),
                Arguments.of("empty path", begin + "*** Update File:\n@@\n-a\n+b\n" + end,
                        "line 2: empty path after '*** Update File:'"),
                Arguments.of("long line", begin + "x".repeat(200) + "\n" + end,
                        "line 2: expected a file header ('*** Add File: <path>', '*** Delete File: <path>' or "
                                + "'*** Update File: <path>'), found: " + "x".repeat(77) + "..."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedEnvelopesNameTheLine(String name, String answer, String message) {
        assertThatThrownBy(() -> CodexPatchParser.parse(answer))
                .isInstanceOf(PatchFormatException.class)
                .hasMessage(message);
    }

    @Test
    void anAnswerOverTheLimitIsRefusedBeforeParsing() {
        String huge = "*** Begin Patch\n*** Add File: a\n" + "+x\n".repeat(AnswerLines.MAX_CHARS / 3) + "*** End Patch";

        assertThatThrownBy(() -> CodexPatchParser.parse(huge))
                .isInstanceOf(PatchFormatException.class)
                .hasMessage("the answer is " + huge.length() + " characters, over the limit of 8388608; split the "
                        + "change into smaller steps");
    }
}
