package dev.ratchet.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.StepWork;

class StepScopeTest {

    @Test
    void filesNamedByPathOrFileNameInTheStepOrItsFeedbackAreInScope() {
        StepScope scope = StepScope.of(new StepWork(0, 0, 1, "Fix the parser", "Change src/parse/Lexer.java.", "g"),
                List.of("fix helper.java as the reviewer said"));

        assertThat(scope.of(List.of("README.md", "src/deep/Helper.java", "src/parse/Lexer.java", "src/Lexer.kt")))
                .containsExactly("src/deep/Helper.java", "src/parse/Lexer.java");
    }

    @Test
    void byRelevancePutsTheScopeFirstThenShortPaths() {
        StepScope scope = StepScope.mentionedIn("update docs/guide.md");

        assertThat(scope.byRelevance(List.of("src/deep/nested/Helper.java", "b.txt", "docs/guide.md", "a.txt")))
                .containsExactly("docs/guide.md", "a.txt", "b.txt", "src/deep/nested/Helper.java");
    }
}
