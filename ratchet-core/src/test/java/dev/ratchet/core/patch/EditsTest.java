package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which format an answer is in: the first line that starts an edit decides. */
class EditsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            envelope in prose       | Sure:\\n```\\n*** Begin Patch\\n*** Delete File: a\\n*** End Patch\\n```   | APPLY_PATCH
            git diff in a fence     | ```diff\\ndiff --git a/a b/a\\n--- a/a\\n+++ b/a\\n@@ -1 +1 @@\\n-x\\n+y\\n``` | UNIFIED_DIFF
            plain diff              | --- a/a\\n+++ b/a\\n@@ -1 +1 @@\\n-x\\n+y\\n                             | UNIFIED_DIFF
            search/replace          | a.txt\\n<<<<<<< SEARCH\\nx\\n=======\\ny\\n>>>>>>> REPLACE\\n            | SEARCH_REPLACE
            first one wins          | a.txt\\n<<<<<<< SEARCH\\n*** Begin Patch\\n=======\\ny\\n>>>>>>> REPLACE\\n | SEARCH_REPLACE
            """)
    void detectsTheFormat(String name, String answer, EditFormat format) {
        String text = answer.strip().replace("\\n", "\n");

        assertThat(Edits.detect(text)).isEqualTo(format);
        assertThat(Edits.parse(text).format()).isEqualTo(format);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            I would change the function to return early.
            ---
            """)
    void anAnswerWithoutAnEditSaysWhatAnEditLooksLike(String answer) {
        assertThatThrownBy(() -> Edits.parse(answer))
                .isInstanceOf(PatchFormatException.class)
                .hasMessageStartingWith("no edit in the answer: write an apply_patch envelope");
    }
}
