package dev.ratchet.core.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PhaseClockTest {

    @Test
    void phasesKeepTheirFirstOrderAndRepeatedLapsAddUp() {
        try (PhaseClock clock = PhaseClock.start()) {
            PhaseClock.lap("context");
            PhaseClock.lap("model");
            PhaseClock.lap("context");
            PhaseClock.lap("diff");

            assertThat(clock.phasesMs()).containsOnlyKeys("context", "model", "diff");
            assertThat(clock.phasesMs().keySet()).containsExactly("context", "model", "diff");
            assertThat(clock.summary()).startsWith("context=").contains(" model=", " diff=", " total=")
                    .doesNotContain("processes");
        }
    }

    @Test
    void processesAreCountedPerKind() {
        try (PhaseClock clock = PhaseClock.start()) {
            PhaseClock.process("git", 3_000_000);
            PhaseClock.process("git", 4_000_000);
            PhaseClock.process("cp", 2_000_000);

            assertThat(clock.processCounts()).containsExactly(Map.entry("git", 2L),
                    Map.entry("cp", 1L));
            assertThat(clock.summary()).endsWith("; processes git=2/7ms cp=1/2ms");
        }
    }

    @Test
    void withoutAClockLapsAndProcessesAreIgnored() {
        PhaseClock.lap("workspace");
        PhaseClock.process("git", 1_000_000);
        try (PhaseClock clock = PhaseClock.start()) {
            assertThat(clock.phasesMs()).isEmpty();
            assertThat(clock.processCounts()).isEmpty();
        }
    }

    @Test
    void anInnerClockHandsTheThreadBackToTheOuterOne() {
        try (PhaseClock outer = PhaseClock.start()) {
            try (PhaseClock inner = PhaseClock.start()) {
                PhaseClock.lap("inner");
                assertThat(inner.phasesMs()).containsOnlyKeys("inner");
            }
            PhaseClock.lap("outer");
            assertThat(outer.phasesMs()).containsOnlyKeys("outer");
        }
        try (PhaseClock next = PhaseClock.start()) {
            assertThat(next.phasesMs()).isEmpty();
        }
    }

    @Test
    void aClockOnAnotherThreadSeesNothingOfThisOne() throws InterruptedException {
        try (PhaseClock clock = PhaseClock.start()) {
            Thread other = new Thread(() -> PhaseClock.lap("elsewhere"));
            other.start();
            other.join();
            assertThat(clock.phasesMs()).isEmpty();
        }
    }
}
