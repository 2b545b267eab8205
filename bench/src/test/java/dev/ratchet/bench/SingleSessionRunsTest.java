package dev.ratchet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SingleSessionRunsTest {

    @Test
    void percentilesAreNearestRankSoEachIsAMeasuredValue() {
        List<Long> thirty = new ArrayList<>();
        for (long i = 30; i >= 1; i--) {
            thirty.add(i);
        }

        assertThat(SingleSessionRuns.percentile(thirty, 0.50)).isEqualTo(15);
        assertThat(SingleSessionRuns.percentile(thirty, 0.99)).as("ceil(29.7) = 30th of 30").isEqualTo(30);
        assertThat(SingleSessionRuns.percentile(thirty, 1.0)).isEqualTo(30);
        assertThat(SingleSessionRuns.percentile(List.of(7L), 0.5)).isEqualTo(7);
        assertThat(SingleSessionRuns.percentile(List.of(4L, 9L), 0.5)).as("the lower of two").isEqualTo(4);
    }

    @Test
    void theIssuesTargetsApplyToEveryLoneSessionFigureAndToOrchestration() {
        Figures figures = new Figures();
        figures.add("single_session.overhead_ratio.1000tps.fresh", 1.2, "ratio");
        figures.add("orchestration_ms.p50", 8, "ms");
        figures.add("orchestration_ms.p99", 31, "ms");
        Map<String, Figures.Summary> all = figures.summaries();

        assertThat(Targets.of("single_session.overhead_ratio.1000tps.after_scale_e4")).isPresent();
        assertThat(Targets.verdict(Targets.of("single_session.overhead_ratio.1000tps.fresh").orElseThrow(), 1.2, all))
                .startsWith("missed by");
        assertThat(Targets.verdict(Targets.of("orchestration_ms.p50").orElseThrow(), 8, all)).isEqualTo("met");
        assertThat(Targets.verdict(Targets.of("orchestration_ms.p99").orElseThrow(), 31, all)).startsWith("missed by");
        assertThat(Targets.of("single_session.wall_ms.ratchet.fresh")).isEmpty();
    }
}
