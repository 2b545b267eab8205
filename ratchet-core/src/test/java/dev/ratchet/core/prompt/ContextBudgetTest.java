package dev.ratchet.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContextBudgetTest {

    @Test
    void aStepWithoutABudgetGetsHalfTheWindow() {
        assertThat(ContextBudget.of(128_000, 0, 50, 80).budgetTokens()).isEqualTo(64_000);
    }

    @Test
    void aStepsOwnBudgetIsKeptUpToTheHardStop() {
        assertThat(ContextBudget.of(128_000, 8_000, 50, 80).budgetTokens()).isEqualTo(8_000);
        assertThat(ContextBudget.of(128_000, 120_000, 50, 80).budgetTokens()).isEqualTo(102_400);
        assertThat(ContextBudget.of(8_192, 0, 50, 80).budgetTokens()).isEqualTo(4_096);
        assertThat(ContextBudget.of(128_000, 10, 50, 80).budgetTokens()).isEqualTo(ContextBudget.MIN_BUDGET);
    }

    @Test
    void percentOfTheWindowHasOneDecimal() {
        assertThat(ContextBudget.of(128_000, 8_000, 50, 80).percentOfWindow(5_123)).isEqualTo(4.0);
        assertThat(ContextBudget.of(128_000, 8_000, 50, 80).percentOfWindow(6_400)).isEqualTo(5.0);
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> ContextBudget.of(512, 0, 50, 80)).hasMessageContaining("512");
        assertThatThrownBy(() -> ContextBudget.of(128_000, 0, 90, 80)).hasMessageContaining("default (90)");
        assertThatThrownBy(() -> ContextBudget.of(128_000, 0, 50, 120)).hasMessageContaining("hard stop (120)");
    }
}
