package dev.ratchet.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/** The per-hop timings of a session's attempts, as a table for the terminal. */
final class Timings {

    private Timings() {
    }

    static List<String> table(JsonNode session) {
        List<String> lines = new ArrayList<>();
        lines.add("per-hop timings (ms): step/attempt  queue-wait  model  execute  verify-wait  verify  total  "
                + "tokens-out  tok/s");
        for (JsonNode step : session.path("steps")) {
            for (JsonNode attempt : step.path("attemptHistory")) {
                JsonNode t = attempt.path("timings");
                JsonNode u = attempt.path("usage");
                lines.add(String.format(Locale.ROOT, "  %s/%d %-9s %6d %6d %7d %8d %7d %6d %8d %8.0f",
                        step.path("id").asText(), attempt.path("attempt").asInt(), attempt.path("status").asText(),
                        t.path("queueWaitMs").asLong(), t.path("modelMs").asLong(), t.path("executeMs").asLong(),
                        t.path("verifyWaitMs").asLong(), t.path("verifyMs").asLong(), t.path("totalMs").asLong(),
                        u.path("tokensOut").asInt(), u.path("tokensPerSecond").asDouble()));
            }
        }
        JsonNode totals = session.path("timings");
        lines.add(String.format(Locale.ROOT, "  session wall time %d ms", totals.path("wallMs").asLong()));
        return lines;
    }
}
