package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.Fixtures;
import dev.ratchet.core.patch.PatchOp.AddFile;
import dev.ratchet.core.patch.PatchOp.DeleteFile;
import dev.ratchet.core.patch.PatchOp.Hunk;
import dev.ratchet.core.patch.PatchOp.Line;
import dev.ratchet.core.patch.PatchOp.UpdateFile;

/** {@link ApplyPatch}, the adapter the executor uses: the Codex parser plus the path check it always made. */
class ApplyPatchTest {

    /** The "A full patch can combine several operations" example of the Codex apply_patch instructions. */
    static String fullExample() {
        String instructions = Fixtures.read("codex-apply-patch/apply_patch_tool_instructions.md");
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
                new AddFile("hello.txt", "Hello world\n", FileMode.REGULAR, 2),
                new UpdateFile("src/app.py", "src/main.py", List.of(new Hunk(List.of("def greet():"),
                        List.of(Line.removed("print(\"Hi\")"), Line.added("print(\"Hello, world!\")")), false, 6)),
                        null, 4),
                new DeleteFile("obsolete.txt", 9));
    }

    @Test
    void findsTheEnvelopeInsideFencesAndProse() {
        String answer = "Sure! Here is the change you asked for.\n\n```\n" + fullExample()
                + "```\n\nLet me know if you want anything else. *** Not a header";

        assertThat(ApplyPatch.parse(answer).operations()).extracting(PatchOp::path)
                .containsExactly("hello.txt", "src/app.py", "obsolete.txt");
    }

    @Test
    void pathsAreNormalised() {
        String patch = "*** Begin Patch\n*** Delete File: src/./util//app.py\n"
                + "*** Delete File: .github/workflows/ci.yml\n*** End Patch";

        assertThat(ApplyPatch.parse(patch).operations()).extracting(PatchOp::path)
                .containsExactly("src/util/app.py", ".github/workflows/ci.yml");
    }

    @Test
    void noEnvelopeIsRefused() {
        assertThatThrownBy(() -> ApplyPatch.parse("I changed app.py to greet the user."))
                .isInstanceOf(PatchFormatException.class)
                .hasMessage("no '*** Begin Patch' ... '*** End Patch' envelope in the answer");
        assertThatThrownBy(() -> ApplyPatch.parse(null)).isInstanceOf(PatchFormatException.class);
    }

    @Test
    void absolutePathIsRefused() {
        assertThatThrownBy(() -> ApplyPatch.parse("*** Begin Patch\n*** Add File: /etc/passwd\n+x\n*** End Patch"))
                .isInstanceOf(PatchFormatException.class)
                .hasMessage("line 2: absolute path /etc/passwd (paths are relative to the repository root)");
        assertThatThrownBy(() -> ApplyPatch.parse("*** Begin Patch\n*** Delete File: C:\\x.txt\n*** End Patch"))
                .isInstanceOf(PatchFormatException.class)
                .hasMessageContaining("absolute path");
    }

    @Test
    void parentPathIsRefused() {
        for (String path : List.of("../outside.txt", "src/../../outside.txt", "..", "src/../app.py")) {
            assertThatThrownBy(() -> ApplyPatch.parse("*** Begin Patch\n*** Delete File: " + path
                    + "\n*** End Patch"))
                    .as(path)
                    .isInstanceOf(PatchFormatException.class)
                    .hasMessageContaining("leaves the repository");
        }
        assertThatThrownBy(() -> ApplyPatch.parse("*** Begin Patch\n*** Update File: a.txt\n*** Move to: ../b.txt"
                + "\n*** End Patch"))
                .isInstanceOf(PatchFormatException.class)
                .hasMessage("line 3: path ../b.txt leaves the repository ('..' is not allowed in a path)");
    }

    @Test
    void pathUnderGitIsRefusedInAnyLetterCase() {
        for (String path : List.of(".git/config", "./.git/hooks/pre-commit", ".GIT/HEAD", ".Git/hooks/x")) {
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
                .hasMessage("line 2: empty path after '*** Delete File:'");
    }
}
