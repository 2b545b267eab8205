package dev.ratchet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void summarisesMinMedianMaxOverRuns() {
        Figures f = new Figures();
        f.add("overhead_ratio.e1.1000tps", 1.10, "ratio");
        f.add("overhead_ratio.e1.1000tps", 1.02, "ratio");
        f.add("overhead_ratio.e1.1000tps", 1.04, "ratio");
        f.add("wall_ms", 10, "ms");
        f.add("wall_ms", 20, "ms");

        Map<String, Figures.Summary> s = f.summaries();

        assertThat(s.get("overhead_ratio.e1.1000tps")).isEqualTo(new Figures.Summary(1.02, 1.04, 1.10, "ratio", 3));
        assertThat(s.get("wall_ms").median()).isEqualTo(15);
    }

    @Test
    void targetsAreCheckedOnTheMedianIncludingRelativeOnes() {
        Figures f = new Figures();
        f.add("overhead_ratio.e1.1000tps", 1.08, "ratio");
        f.add("kafka_floor_ms.p99", 10, "ms");
        f.add("hop_ms.p99.requested_to_executor", 12, "ms");
        f.add("scaleout.efficiency.e4", 0.95, "ratio");
        Map<String, Figures.Summary> all = f.summaries();

        assertThat(Targets.verdict(Targets.of("overhead_ratio.e1.1000tps").orElseThrow(), 1.08, all))
                .startsWith("missed by 0.030");
        assertThat(Targets.verdict(Targets.of("hop_ms.p99.requested_to_executor").orElseThrow(), 12, all))
                .isEqualTo("met");
        assertThat(Targets.verdict(Targets.of("hop_ms.p99.requested_to_executor").orElseThrow(), 16, all))
                .startsWith("missed by 1.000");
        assertThat(Targets.verdict(Targets.of("scaleout.efficiency.e4").orElseThrow(), 0.95, all)).isEqualTo("met");
        assertThat(Targets.of("ready_s.planner-service")).isPresent();
        assertThat(Targets.of("wall_ms.ratchet.e1.1000tps")).isEmpty();
    }
}
