package dev.ratchet.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the planner reads of a verdict without knowing its kind: who executed the attempt and who verified it. */
class StepVerdictTest {

    @Test
    void bothKindsOfVerdictExposeTheirExecutionAndVerification() {
        for (StepVerdict verdict : new StepVerdict[] {SampleEvents.verified(), SampleEvents.rejected()}) {
            assertThat(verdict.execution()).as(verdict.eventType().name()).isEqualTo(SampleEvents.EXECUTION);
            assertThat(verdict.verification()).as(verdict.eventType().name()).isEqualTo(SampleEvents.VERIFICATION);
        }
    }
}
