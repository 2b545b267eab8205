package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import org.junit.jupiter.api.Test;

/**
 * A model's patch names files by text: every way a path could leave the repository or name nothing is refused with
 * why, and a good path is brought to one normal form, the one the guardrails and the trees compare.
 */
class PatchPathsTest {

    @Test
    void emptyAndBlankPathsNameNothing() {
        assertThat(PatchPaths.problem(null)).contains("empty path");
        assertThat(PatchPaths.problem("")).contains("empty path");
        assertThat(PatchPaths.problem("  ")).contains("empty path");
        assertThat(PatchPaths.problem("./.")).contains("path ./. names no file");
        assertThat(PatchPaths.problem("/")).as("absolute before empty").hasValueSatisfying(p -> assertThat(p)
                .startsWith("absolute path /"));
    }

    @Test
    void controlCharactersAreRefusedAndShownEscapedButASpaceIsAName() {
        assertThat(PatchPaths.problem("src/a\u001fb.py")).contains("path src/a\\x1fb.py contains a control character");
        assertThat(PatchPaths.problem("src/\u007f.py")).contains("path src/\\x7f.py contains a control character");
        assertThat(PatchPaths.problem("a\nb")).contains("path a\\x0ab contains a control character");
        assertThat(PatchPaths.problem("read me\u0001.md")).as("only the control character is escaped")
                .contains("path read me\\x01.md contains a control character");
        assertThat(PatchPaths.problem("my notes/read me.md")).isEmpty();
        assertThat(PatchPaths.problem("~tilde\u0080.md")).as("0x80 is not a control character here").isEmpty();
    }

    @Test
    void absolutePathsOfEveryKindAreRefused() {
        assertThat(PatchPaths.problem("/etc/passwd")).contains("absolute path /etc/passwd (paths are relative to the "
                + "repository root)");
        assertThat(PatchPaths.problem("\\windows")).hasValueSatisfying(p -> assertThat(p).startsWith("absolute path"));
        assertThat(PatchPaths.problem("C:/x")).hasValueSatisfying(p -> assertThat(p).startsWith("absolute path"));
        assertThat(PatchPaths.problem("z:")).hasValueSatisfying(p -> assertThat(p).startsWith("absolute path"));
        assertThat(PatchPaths.problem("src:/x")).as("a colon later is a name").isEmpty();
    }

    @Test
    void backslashesAndDotDotSegmentsAnywhereAreRefused() {
        assertThat(PatchPaths.problem("src\\main.py")).contains("path src\\main.py contains '\\' (write '/' between "
                + "directories)");
        assertThat(PatchPaths.problem("../x")).contains("path ../x leaves the repository ('..' is not allowed in a "
                + "path)");
        assertThat(PatchPaths.problem("a/../b")).hasValueSatisfying(p -> assertThat(p).contains("leaves the "
                + "repository"));
        assertThat(PatchPaths.problem("a/..")).hasValueSatisfying(p -> assertThat(p).contains("leaves the "
                + "repository"));
        assertThat(PatchPaths.problem("a/..b/...")).as("dots in a name are a name").isEmpty();
    }

    @Test
    void normalFormDropsDotAndEmptySegmentsAndRefusesWhatProblemRefuses() {
        assertThat(PatchPaths.normalise("./src//main/./app.py/")).isEqualTo("src/main/app.py");
        assertThat(PatchPaths.normalise("app.py")).isEqualTo("app.py");
        assertThatThrownBy(() -> PatchPaths.normalise("../x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(PatchPaths.problem("../x").orElseThrow());
    }

    @Test
    void ancestorsAreTheDirectoriesOutermostFirst() {
        assertThat(PatchPaths.ancestors("a/b/c.txt")).containsExactly("a", "a/b");
        assertThat(PatchPaths.ancestors("c.txt")).isEmpty();
    }

    @Test
    void checkRelativeNamesTheLineAndKeepsOutOfGitInAnyCase() {
        assertThat(PatchPaths.checkRelative("./src/app.py", 3)).isEqualTo("src/app.py");
        assertThat(PatchPaths.checkRelative(".github/workflows/ci.yml", 4)).isEqualTo(".github/workflows/ci.yml");
        assertThat(PatchPaths.checkRelative("docs/.git", 4)).as("only the top .git is git's").isEqualTo("docs/.git");
        assertThatThrownBy(() -> PatchPaths.checkRelative(".git/config", 7)).isInstanceOf(PatchFormatException.class)
                .hasMessage("line 7: path .git/config is inside .git");
        assertThatThrownBy(() -> PatchPaths.checkRelative("./.GIT/hooks/pre-commit", 8))
                .hasMessage("line 8: path ./.GIT/hooks/pre-commit is inside .git");
        assertThatThrownBy(() -> PatchPaths.checkRelative("/etc/passwd", 9)).isInstanceOf(PatchFormatException.class)
                .hasMessage("line 9: " + PatchPaths.problem("/etc/passwd").orElseThrow());
        assertThatThrownBy(() -> PatchPaths.checkRelative(".git", 1)).hasMessage("line 1: path .git is inside .git");
    }
}
