package dev.ratchet.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The demo's per-hop table: an orchestration column per attempt and its p50 and max over the session. */
class TimingsTest {

    static JsonNode session(long... orchestration) throws Exception {
        StringBuilder attempts = new StringBuilder();
        for (int i = 0; i < orchestration.length; i++) {
            long total = orchestration[i] == 0 ? 0 : 900 + orchestration[i];
            attempts.append(i == 0 ? "" : ",").append("{\"attempt\":").append(i + 1)
                    .append(",\"status\":\"VERIFIED\",\"timings\":{\"modelMs\":500,\"checksMs\":400,\"totalMs\":")
                    .append(total).append(",\"orchestrationMs\":").append(orchestration[i]).append("}}");
        }
        return new ObjectMapper().readTree("{\"steps\":[{\"id\":\"s1\",\"attemptHistory\":[" + attempts
                + "]}],\"timings\":{\"wallMs\":5000}}");
    }

    @Test
    void eachAttemptShowsItsChecksAndOrchestration() throws Exception {
        List<String> lines = Timings.table(session(12));

        assertThat(lines.get(0)).endsWith("checks  orchestration");
        assertThat(lines.get(1)).endsWith("    400      12");
    }

    @Test
    void theSummaryGivesTheMedianAndMaximumOfDecidedAttempts() throws Exception {
        List<String> lines = Timings.table(session(30, 8, 0, 11, 9));

        assertThat(lines).last().isEqualTo("  orchestration per attempt: p50 9 ms, max 30 ms (4 decided)");
    }

    @Test
    void theMedianOfAnEvenCountIsTheLowerOfTheMiddleTwo() {
        assertThat(Timings.median(List.of(40L, 10L, 30L, 20L))).isEqualTo(20);
        assertThat(Timings.median(List.of(7L))).isEqualTo(7);
    }

    @Test
    void noSummaryBeforeAnyAttemptIsDecided() throws Exception {
        assertThat(Timings.table(session(0))).noneMatch(l -> l.contains("orchestration per attempt"));
    }
}
