package dev.ratchet.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.session.Attempt;
import dev.ratchet.core.session.AttemptStatus;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.session.StepStatus;

class ProgressSummaryTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void listsTheVerifiedStepsWithTheFilesTheyChanged() {
        Session session = session(
                step(0, "Add word_count", StepStatus.VERIFIED, new PatchStats(List.of("textstats.py",
                        "tests/test_textstats.py"), 12, 1)),
                step(1, "Add top_words", StepStatus.RUNNING, null),
                step(2, "Add a CLI", StepStatus.PENDING, null));

        assertThat(ProgressSummary.of(session))
                .isEqualTo("1. Add word_count: textstats.py, tests/test_textstats.py (+12 -1)\n")
                .as("never the phrase that names the step being asked for").doesNotContain("Step 1 of");
    }

    @Test
    void nothingVerifiedIsEmpty() {
        assertThat(ProgressSummary.of(session(step(0, "Add word_count", StepStatus.RUNNING, null)))).isEmpty();
    }

    private static StepState step(int index, String title, StepStatus status, PatchStats stats) {
        List<Attempt> attempts = stats == null ? List.of() : List.of(new Attempt(1, AttemptStatus.VERIFIED, AT, AT,
                null, null, null, null, null, List.of(), stats, 0, AT));
        return new StepState("s" + (index + 1), index, title, "do it", status, attempts, List.of());
    }

    private static Session session(StepState... steps) {
        return new Session("id", "/repo", "goal", "abc", List.of(), StepPolicy.DEFAULTS, SessionStatus.RUNNING,
                List.of(steps), 0, AT, AT, null, null, 0, null, null, 1, null);
    }
}
