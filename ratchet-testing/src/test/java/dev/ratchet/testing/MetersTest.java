package dev.ratchet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MetersTest {

    @Test
    void aSampleIsReadWithoutTheExemplarThatFollowsIt() {
        String scrape = """
                # TYPE ratchet_planner_verdicts_total counter
                ratchet_planner_verdicts_total{outcome="applied"} 3.0 # {span_id="0af7651916cd43dd",trace_id="4bf92f3577b34da6a3ce929d0e0e4736"} 1.0 1732960000.000
                ratchet_planner_verdicts_total{outcome="ignored"} 2.0
                odd_total{path="/a}b",q="say \\"hi\\""} 7
                up 1
                """;

        assertThat(Meters.value(scrape, "ratchet_planner_verdicts_total", Map.of("outcome", "applied"))).isEqualTo(3.0);
        assertThat(Meters.find(scrape, "ratchet_planner_verdicts_total", Map.of("outcome", "applied")).get(0).labels())
                .containsOnlyKeys("outcome");
        assertThat(Meters.value(scrape, "ratchet_planner_verdicts_total", Map.of("outcome", "ignored"))).isEqualTo(2.0);
        assertThat(Meters.value(scrape, "odd_total", Map.of("path", "/a}b"))).isEqualTo(7.0);
        assertThat(Meters.value(scrape, "up", Map.of())).isEqualTo(1.0);
    }
}
