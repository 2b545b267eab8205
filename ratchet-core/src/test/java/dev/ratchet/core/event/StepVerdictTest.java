package dev.ratchet.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.json.Json;

/** What the planner reads of a verdict without knowing its kind: who executed the attempt and who verified it. */
class StepVerdictTest {

    @Test
    void bothKindsOfVerdictExposeTheirExecutionAndVerification() {
        for (StepVerdict verdict : new StepVerdict[] {SampleEvents.verified(), SampleEvents.rejected()}) {
            assertThat(verdict.execution()).as(verdict.eventType().name()).isEqualTo(SampleEvents.EXECUTION);
            assertThat(verdict.verification()).as(verdict.eventType().name()).isEqualTo(SampleEvents.VERIFICATION);
        }
    }

    @Test
    void aRejectionNamesThePatchItRejectedAndOneWrittenBeforeThatReadsWithNone() {
        StepRejected rejected = SampleEvents.rejected();
        assertThat(rejected.payload().patch()).isEqualTo(SampleEvents.PATCH_REF);
        String json = Json.write(rejected);
        assertThat(Json.read(json, StepRejected.class)).isEqualTo(rejected);

        // As verdicts were written (and are still stored in sessions' hashes) before the field existed.
        String older = json.replaceFirst(",\\s*\"patch\"\\s*:\\s*\\{[^}]*}", "");
        assertThat(older).doesNotContain("\"patch\"");
        StepRejected read = Json.read(older, StepRejected.class);
        assertThat(read.payload().patch()).isNull();
        assertThat(read.payload().stage()).isEqualTo(StepRejected.STAGE_CHECK);
    }
}
