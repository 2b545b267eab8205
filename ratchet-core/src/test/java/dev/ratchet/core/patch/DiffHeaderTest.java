package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The names a {@code diff --git} line gives when no {@code ---}/{@code +++} lines follow (a mode change), as git
 * writes them: names with spaces, quoted names with C-style escapes and octal UTF-8 bytes. Written for the mutants PIT
 * left alive in {@link DiffHeader} (docs/TESTING.md).
 */
class DiffHeaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            plain                                 | a/x.txt b/x.txt                         | x.txt         | x.txt
            a space in the name                   | a/my file.txt b/my file.txt             | my file.txt   | my file.txt
            b/ inside the name, split by halves   | a/d b/e b/d b/e                         | d b/e         | d b/e
            quoted, octal UTF-8 bytes             | "a/t\\303\\251st" "b/t\\303\\251st"     | tést          | tést
            an escaped quote inside               | "a/a\\"b" "b/a\\"b"                     | a"b           | a"b
            """)
    void theGitLineNamesTheFileOfAModeChange(String why, String gitLine, String oldName, String newName) {
        DiffHeader header = new DiffHeader();
        header.gitNames(gitLine);
        header.extended(2, "old mode 100644");
        header.extended(3, "new mode 100755");

        PatchOp.UpdateFile op = (PatchOp.UpdateFile) header.operation(4, List.of(), (hunks, sources) -> "", List.of());

        assertThat(op.path()).as("old name").isEqualTo(oldName);
        assertThat(header.name()).as("new name").isEqualTo(newName);
        assertThat(op.newMode()).isEqualTo(FileMode.EXECUTABLE);
        assertThat(op.moveTo()).as("names differing on the git line alone are not a rename").isNull();
        assertThat(op.line()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            every named escape        | "\\a\\b\\t\\n\\v\\f\\r\\\\\\""   | \\007\\b\\t\\n\\013\\f\\r\\\\"
            an octal byte at the end  | "x\\101"                          | xA
            three digits cut short    | "x\\10"                           | x10
            a backslash at the end    | "x\\"                             | x\\\\
            no closing quote          | "abc                              | abc
            a control byte            | "a\\001b"                        | a\\001b
            an empty quoted name      | '""'                              | ''
            """)
    void gitsQuotingIsUndone(String why, String quoted, String expected) {
        assertThat(DiffHeader.unquote(quoted)).isEqualTo(expected.translateEscapes());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            no second name                  | foo bar           | a file
            different names, split at b/   | a/x b/y           | y
            quoted then plain               | "a/x\\ty" b/x y   | x y
            """)
    void theGitLineAloneGivesTheNewName(String why, String gitLine, String expected) {
        DiffHeader header = new DiffHeader();
        header.gitNames(gitLine);

        assertThat(header.name()).isEqualTo(expected);
    }
}
