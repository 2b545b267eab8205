package dev.ratchet.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.session.Progress;

class RecoveryTest {

    static final long KILL = 1_000_000;

    @Test
    void anExecutorKillRecoversWhenTheLastOfItsSessionsMovesAgain() {
        Map<String, List<ProgressEntry>> progress = Map.of(
                "a", List.of(at(KILL - 200, Progress.STEP_STARTED), at(KILL + 7_000, Progress.STEP_REDELIVERED)),
                "b", List.of(at(KILL + 3_000, Progress.STEP_VERIFYING)),
                "c", List.of(at(KILL + 1_000, Progress.STEP_EXECUTED)));

        List<Recovery.Sample> samples = Recovery.samples(List.of(new Kill("executor-1", KILL, Set.of("a", "b"))),
                progress);

        assertThat(samples).containsExactly(new Recovery.Sample("executor-1", KILL, Optional.of(7.0), 2));
    }

    @Test
    void aPlannerKillRecoversAtTheFirstPlannerWrittenEntryOfAnUnfinishedSession() {
        Map<String, List<ProgressEntry>> progress = Map.of(
                "a", List.of(at(KILL + 1_000, Progress.STEP_STARTED), at(KILL + 2_000, Progress.STEP_VERIFYING),
                        at(KILL + 9_000, Progress.STEP_VERIFIED)),
                "b", List.of(at(KILL - 500, Progress.STEP_REQUESTED), at(KILL + 4_500, Progress.STEP_REJECTED)));

        List<Recovery.Sample> samples = Recovery.samples(List.of(new Kill("planner-service", KILL,
                Set.of("a", "b"))), progress);

        assertThat(samples).containsExactly(new Recovery.Sample("planner-service", KILL, Optional.of(4.5), 2));
    }

    @Test
    void aKillThatHitNoSessionGivesNoSampleAndOneWhoseSessionNeverMovedIsUnrecovered() {
        Map<String, List<ProgressEntry>> progress = Map.of("a", List.of(at(KILL - 100, Progress.STEP_STARTED)));

        List<Recovery.Sample> samples = Recovery.samples(List.of(new Kill("verifier-service", KILL, Set.of()),
                new Kill("executor-2", KILL, Set.of("a"))), progress);

        assertThat(samples).containsExactly(new Recovery.Sample("executor-2", KILL, Optional.empty(), 1));
        assertThat(Recovery.summarize(samples).unrecovered()).isEqualTo(1);
        assertThat(Recovery.summarize(samples).p50()).isNaN();
    }

    @Test
    void theSummaryIsTheMedianAndTheMaximumOfTheRecoveredSamples() {
        List<Recovery.Sample> samples = List.of(sample(7.0), sample(2.0), sample(4.0), sample(12.5),
                new Recovery.Sample("planner-service", KILL, Optional.empty(), 3));

        Recovery.Summary summary = Recovery.summarize(samples);

        assertThat(summary.p50()).isEqualTo(5.5);
        assertThat(summary.max()).isEqualTo(12.5);
        assertThat(summary.unrecovered()).isEqualTo(1);
        assertThat(summary.samples()).hasSize(5);
    }

    private static Recovery.Sample sample(double seconds) {
        return new Recovery.Sample("executor-1", KILL, Optional.of(seconds), 1);
    }

    private static ProgressEntry at(long ms, String type) {
        return new ProgressEntry(ms + "-0", type, "step-1", 1, type);
    }
}
