package dev.ratchet.core.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.scale.ExecutorScaling.Decision;
import dev.ratchet.core.scale.ExecutorScaling.Why;

/** Every branch of the executor count: up at once, clamped, steady, down only after the cooldown. */
class ExecutorScalingTest {

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    /** 1 to 24 executors (24 partitions), 4 steps each, 5 minutes before scaling down. */
    private final ExecutorScaling scaling = new ExecutorScaling(1, 24, 4, Duration.ofMinutes(5));

    @Test
    void aBacklogScalesUpAtOnceToItsCeilingOverTheTarget() {
        Decision d = scaling.decide(9, 0, 1, T0, T0.plusSeconds(1));

        assertThat(d).isEqualTo(new Decision(3, 3, Why.UP, 9, 1));
    }

    @Test
    void stepsInFlightCountAsDemandToo() {
        assertThat(scaling.decide(4, 4, 1, null, T0)).isEqualTo(new Decision(2, 2, Why.UP, 8, 1));
    }

    @Test
    void neverMoreThanMaxNorFewerThanMin() {
        assertThat(scaling.decide(1000, 0, 2, null, T0).replicas()).isEqualTo(24);
        assertThat(scaling.decide(0, 0, 0, null, T0)).isEqualTo(new Decision(1, 1, Why.UP, 0, 0));
    }

    @Test
    void asManyAsNeededIsSteady() {
        assertThat(scaling.decide(8, 0, 2, T0, T0)).isEqualTo(new Decision(2, 2, Why.STEADY, 8, 2));
    }

    @Test
    void fewerNeededHoldsDuringTheCooldown() {
        Decision d = scaling.decide(0, 0, 5, T0, T0.plus(Duration.ofMinutes(5)).minusMillis(1));

        assertThat(d).isEqualTo(new Decision(5, 1, Why.COOLDOWN, 0, 5));
    }

    @Test
    void fewerNeededScalesDownOnceTheCooldownIsOver() {
        assertThat(scaling.decide(4, 0, 5, T0, T0.plus(Duration.ofMinutes(5))))
                .isEqualTo(new Decision(1, 1, Why.DOWN, 4, 5));
        assertThat(scaling.decide(0, 0, 5, null, T0)).as("never changed: no cooldown")
                .isEqualTo(new Decision(1, 1, Why.DOWN, 0, 5));
    }

    @Test
    void aMinimumOfZeroLetsAnIdleClusterRunNoExecutor() {
        ExecutorScaling toZero = new ExecutorScaling(0, 24, 4, Duration.ZERO);

        assertThat(toZero.decide(0, 0, 3, T0, T0)).isEqualTo(new Decision(0, 0, Why.DOWN, 0, 3));
        assertThat(toZero.decide(1, 0, 0, T0, T0)).isEqualTo(new Decision(1, 1, Why.UP, 1, 0));
    }

    @Test
    void badBoundsAndNegativeInputsAreRefused() {
        assertThatThrownBy(() -> new ExecutorScaling(-1, 4, 4, Duration.ZERO)).hasMessageContaining("min -1");
        assertThatThrownBy(() -> new ExecutorScaling(5, 4, 4, Duration.ZERO)).hasMessageContaining("max 4");
        assertThatThrownBy(() -> new ExecutorScaling(0, 0, 4, Duration.ZERO)).hasMessageContaining("max 0");
        assertThatThrownBy(() -> new ExecutorScaling(1, 4, 0, Duration.ZERO)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> new ExecutorScaling(1, 4, 4, Duration.ofSeconds(-1)))
                .hasMessageContaining("cooldown");
        assertThatThrownBy(() -> new ExecutorScaling(1, 4, 4, null)).hasMessageContaining("cooldown");
        assertThatThrownBy(() -> scaling.decide(-1, 0, 1, null, T0)).hasMessageContaining("negative");
        assertThatThrownBy(() -> scaling.decide(0, -1, 1, null, T0)).hasMessageContaining("negative");
        assertThatThrownBy(() -> scaling.decide(0, 0, -1, null, T0)).hasMessageContaining("negative");
    }
}
