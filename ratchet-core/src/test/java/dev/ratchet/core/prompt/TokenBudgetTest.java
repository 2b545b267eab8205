package dev.ratchet.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.Fixtures;

class TokenBudgetTest {

    private static final String MARKER = "\n[... cut to fit the token budget]";
    private final TokenBudget budget = new TokenBudget(1024);

    @Test
    void countIsPositiveAndStable() {
        String text = "The quick brown fox jumps over the lazy dog.";

        int tokens = budget.count(text);

        assertThat(tokens).isBetween(8, 12);
        assertThat(budget.count(text)).isEqualTo(tokens);
        assertThat(new TokenBudget(256).count(text)).isEqualTo(tokens);
        assertThat(budget.count(text + " " + text)).isGreaterThan(tokens);
    }

    @Test
    void emptyAndNullCountZero() {
        assertThat(budget.count("")).isZero();
        assertThat(budget.count(null)).isZero();
    }

    @Test
    void textWithinTheLimitIsUnchanged() {
        String text = "short text";

        assertThat(budget.truncate(text, 100)).isSameAs(text);
    }

    @Test
    void truncateRespectsTheLimitAndMarksTheCut() {
        String words = "word ".repeat(2000) + "END";
        String prose = Fixtures.read("agents-md/agentsmd-agents.md-AGENTS.md") + "END";

        for (String text : new String[] {words, prose}) {
            for (int max = 16; max <= 316; max += 25) {
                String cut = budget.truncate(text, max);

                assertThat(budget.count(cut)).as("tokens for max %d", max).isLessThanOrEqualTo(max);
                assertThat(budget.count(cut)).as("uses the room it has").isGreaterThan(max - 6);
                assertThat(cut).endsWith(MARKER).doesNotContain("END");
                assertThat(text).startsWith(cut.substring(0, cut.length() - MARKER.length()));
            }
        }
    }

    @Test
    void truncateNeverSplitsACharacter() {
        String text = "😀 emoji and ünïcödé ".repeat(500);

        for (int max = 20; max <= 400; max += 19) {
            String cut = budget.truncate(text, max);
            String kept = cut.substring(0, cut.length() - MARKER.length());

            assertThat(budget.count(cut)).isLessThanOrEqualTo(max);
            assertThat(text).startsWith(kept);
            assertThat(kept.isEmpty() || !Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isTrue();
        }
    }

    @Test
    void countUpToStopsPastTheMaximum() {
        String text = "word ".repeat(10_000);

        assertThat(budget.countUpTo(text, 100)).isEqualTo(101);
        assertThat(budget.countUpTo("short text", 100)).isEqualTo(budget.count("short text"));
        assertThat(budget.countUpTo("", 100)).isZero();
    }

    @Test
    void budgetsBelow256AreRefused() {
        assertThatThrownBy(() -> new TokenBudget(255))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("255");
        assertThat(new TokenBudget(256).limit()).isEqualTo(256);
    }
}
