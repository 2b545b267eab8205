package dev.ratchet.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.json.Json;

/** A progress line's optional {@code variant}: named for best-of-N work, absent (as it always was) otherwise. */
class ProgressTest {

    private static final Instant AT = Instant.parse("2026-11-30T12:00:00Z");

    /** A line as the services wrote it before variants were named (and as a one-variant attempt's still reads). */
    private static final String OLD_LINE = "{\"type\":\"step.started\",\"stepId\":\"s1\",\"attempt\":1,"
            + "\"message\":\"step 1/3 \\\"Add word_count\\\" attempt 1 started on executor-1\","
            + "\"at\":\"2026-11-30T12:00:00Z\"}";

    @Test
    void aLineWrittenBeforeVariantsWereNamedReadsWithNoneAndWritesBackUnchanged() {
        Progress old = Json.read(OLD_LINE, Progress.class);
        assertThat(old).isEqualTo(new Progress(Progress.STEP_STARTED, "s1", 1,
                "step 1/3 \"Add word_count\" attempt 1 started on executor-1", AT));
        assertThat(old.variant()).isNull();
        assertThat(Json.write(old)).isEqualTo(OLD_LINE);
    }

    @Test
    void aVariantsLineCarriesItsVariantThroughJson() {
        Progress line = new Progress(Progress.STEP_VERIFYING, "s1", 1, "verifying", AT, 0);
        String json = Json.write(line);
        assertThat(json).contains("\"variant\":0");
        assertThat(Json.read(json, Progress.class)).isEqualTo(line);
    }

    @Test
    void onlyFannedOutWorkAndPeoplesCandidatesNameAVariant() {
        assertThat(Progress.variantOf(0, false)).isNull();
        assertThat(Progress.variantOf(0, true)).isEqualTo(0);
        assertThat(Progress.variantOf(4, true)).isEqualTo(4);
        assertThat(Progress.variantOf(Candidate.VARIANT_BASE + 1, false)).isEqualTo(101);
    }
}
