package dev.ratchet.models;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofMillis(1000);

    @Test
    void doublesEachRetryWithinTwentyPercent() {
        Backoff low = new Backoff(INITIAL, MAX, () -> 0.0);
        Backoff middle = new Backoff(INITIAL, MAX, () -> 0.5);
        Backoff high = new Backoff(INITIAL, MAX, () -> 0.999_999);

        assertThat(middle.delay(1, Optional.empty())).isEqualTo(Duration.ofMillis(100));
        assertThat(middle.delay(2, Optional.empty())).isEqualTo(Duration.ofMillis(200));
        assertThat(middle.delay(3, Optional.empty())).isEqualTo(Duration.ofMillis(400));
        assertThat(low.delay(2, Optional.empty())).isEqualTo(Duration.ofMillis(160));
        assertThat(high.delay(2, Optional.empty())).isBetween(Duration.ofMillis(239), Duration.ofMillis(240));
    }

    @Test
    void neverWaitsLongerThanTheCap() {
        Backoff high = new Backoff(INITIAL, MAX, () -> 0.999_999);

        assertThat(high.delay(10, Optional.empty())).isEqualTo(MAX);
        assertThat(new Backoff(INITIAL, MAX, () -> 0.0).delay(10, Optional.empty())).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void retryAfterReplacesTheComputedWaitWithinTheCap() {
        Backoff backoff = new Backoff(INITIAL, MAX, () -> 0.5);

        assertThat(backoff.delay(1, Optional.of(Duration.ZERO))).isEqualTo(Duration.ZERO);
        assertThat(backoff.delay(1, Optional.of(Duration.ofMillis(700)))).isEqualTo(Duration.ofMillis(700));
        assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(30)))).isEqualTo(MAX);
    }
}
