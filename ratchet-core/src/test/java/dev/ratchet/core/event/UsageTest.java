package dev.ratchet.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UsageTest {

    @Test
    void plusAddsCountsAndRecomputesSpeed() {
        Usage sum = new Usage(100, 200, 1000, 200).plus(new Usage(50, 100, 3000, 33.3));

        assertThat(sum.tokensIn()).isEqualTo(150);
        assertThat(sum.tokensOut()).isEqualTo(300);
        assertThat(sum.modelMs()).isEqualTo(4000);
        assertThat(sum.tokensPerSecond()).isCloseTo(75.0, within(1e-9));
    }

    @Test
    void noneIsTheIdentity() {
        Usage u = new Usage(7, 9, 0, 0);

        assertThat(Usage.NONE.plus(Usage.NONE)).isEqualTo(Usage.NONE);
        assertThat(Usage.NONE.plus(u)).isEqualTo(u);
    }
}
