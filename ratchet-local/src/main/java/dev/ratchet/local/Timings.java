package dev.ratchet.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The per-hop timings of a session's attempts, as a table for the terminal, and orchestration over the session:
 * what Ratchet added to each decided attempt beyond its model and checks (issue 14: p50 at most 10 ms).
 */
final class Timings {

    private Timings() {
    }

    static List<String> table(JsonNode session) {
        List<String> lines = new ArrayList<>();
        lines.add("per-hop timings (ms): step/attempt  queue-wait  model  execute  verify-wait  verify  total  "
                + "tokens-out  tok/s  checks  orchestration");
        List<Long> orchestration = new ArrayList<>();
        for (JsonNode step : session.path("steps")) {
            for (JsonNode attempt : step.path("attemptHistory")) {
                JsonNode t = attempt.path("timings");
                JsonNode u = attempt.path("usage");
                lines.add(String.format(Locale.ROOT, "  %s/%d %-9s %6d %6d %7d %8d %7d %6d %8d %8.0f %7d %7d",
                        step.path("id").asText(), attempt.path("attempt").asInt(), attempt.path("status").asText(),
                        t.path("queueWaitMs").asLong(), t.path("modelMs").asLong(), t.path("executeMs").asLong(),
                        t.path("verifyWaitMs").asLong(), t.path("verifyMs").asLong(), t.path("totalMs").asLong(),
                        u.path("tokensOut").asInt(), u.path("tokensPerSecond").asDouble(),
                        t.path("checksMs").asLong(), t.path("orchestrationMs").asLong()));
                if (t.path("totalMs").asLong() > 0) {
                    orchestration.add(t.path("orchestrationMs").asLong());
                }
            }
        }
        JsonNode totals = session.path("timings");
        lines.add(String.format(Locale.ROOT, "  session wall time %d ms", totals.path("wallMs").asLong()));
        if (!orchestration.isEmpty()) {
            lines.add(String.format(Locale.ROOT, "  orchestration per attempt: p50 %d ms, max %d ms (%d decided)",
                    median(orchestration), orchestration.stream().mapToLong(Long::longValue).max().orElse(0),
                    orchestration.size()));
        }
        return lines;
    }

    /** The lower median (of 2, the smaller): a figure that was really measured. */
    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
